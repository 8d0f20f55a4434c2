using Gen.Internal;
using static Gen.Distributions;
using static Gen.Transforms;

namespace Gen.Tests.Interpreter;

/// <summary>Edge cases found in review: indexed storage growth, infinite weights, a value at the root of constraints.</summary>
public class StorageAndWeightEdgeTests
{
    [Test]
    public void Indexed_slots_keep_far_entries_visible_when_the_dense_range_grows_over_them()
    {
        var slots = new IndexedSlots<Choice<double>>(0);
        slots.Set(5000, new Choice<double>(1.5, -1));
        for (var i = 0; i < 5001; i++)
            if (i != 5000) slots.Set(i, new Choice<double>(i, -i));
        Assert.That(slots.Has(5000), Is.True);
        Assert.That(slots.Get(5000).Value, Is.EqualTo(1.5));
        Assert.That(slots.Entries().Count(), Is.EqualTo(5001));
        Assert.That(slots.Entries().Select(e => e.Index), Is.Ordered);
        slots.Set(-3, new Choice<double>(7, 0));
        Assert.That(slots.Has(-3) && slots.Get(-3).Value == 7);
        Assert.That(slots.Entries().First().Index, Is.EqualTo(-3));
    }

    [Test]
    public void An_infinite_log_weight_is_a_clear_error_not_NaN()
    {
        var model = new InterpretedFunction<double>("Arcsine", () => beta(0.5, 0.5).At("x"));
        var particles = Seed(new Key(1), () => model.ImportanceK(4, ChoiceMap.Of(("x", 0.0))));
        Assert.That(particles.LogWeights, Is.All.EqualTo(double.PositiveInfinity));
        var error = Assert.Throws<InvalidOperationException>(() => particles.EffectiveSampleSize())!;
        Assert.That(error.Message, Does.Contain("+Infinity").And.Contain("singularity"));
        Assert.Throws<InvalidOperationException>(() => particles.Resample());
        Assert.Throws<InvalidOperationException>(() => particles.Mean(t => t.Retval));
    }

    [Test]
    public void A_value_at_the_root_of_the_constraints_is_named_as_such()
    {
        var model = new InterpretedFunction<double>("One", () => normal(0, 1).At("x"));
        var error = Assert.Throws<ArgumentException>(() => model.Importance(ChoiceMap.Leaf(1.0)))!;
        Assert.That(error.Message, Does.Contain("at their root").And.Contain("address of a choice"));
    }
}
