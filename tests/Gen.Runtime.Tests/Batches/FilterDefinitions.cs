using Gen.Inference;
using Gen.Tests.Support;

namespace Gen.Tests.Batches;

/// <summary>The particle filter's per-particle definitions (one trace edit per particle and step), which the batch paths reproduce bit for bit.</summary>
internal static class FilterDefinitions
{
    /// <summary>The bootstrap filter over <paramref name="model"/>(t), every step an edit of one trace per particle.</summary>
    public static SmcResult<R> PerParticle<R>(Func<int, GenerativeFunction<R>> model, ChoiceMap[] observations, int n, SmcOptions options,
        Func<Trace<R>, int, Trace<R>>? rejuvenate = null) =>
        ParticleFilter.Filter(model, observations, n, options, ParticleFilter.Kernel(rejuvenate), (previous, t, batch) => previous is null
            ? Particles<R>.Importance(model(0), n, observations[0], KeySource.Next(), batch)
            : previous.PerParticleEdit(EditRequest.Update(model(t), observations[t]), KeySource.Next(), batch));

    /// <summary>The filter with a proposal, every step one proposal and one edit per particle.</summary>
    public static SmcResult<R> PerParticle<R, P>(Func<int, GenerativeFunction<R>> model, ChoiceMap[] observations, int n,
        Func<Trace<R>?, int, GenerativeFunction<P>> proposal, SmcOptions options) =>
        ParticleFilter.Filter(model, observations, n, options, null,
            (previous, t, batch) => ParticleFilter.ProposalStep(model, observations, n, proposal, previous, t, KeySource.Next(), batch));

    /// <summary>Two runs of a filter agree bit for bit: the effective sample sizes, the resampling steps, the rejections and the particles.</summary>
    public static void AreSame<R>(SmcResult<R> expected, SmcResult<R> actual, string what)
    {
        Assert.That(actual.EffectiveSampleSizes, Is.EqualTo(expected.EffectiveSampleSizes), what + ": ESS");
        Assert.That(actual.ResampledBefore, Is.EqualTo(expected.ResampledBefore), what + ": resampling steps");
        Assert.That(actual.Rejected, Is.EqualTo(expected.Rejected), what + ": rejected");
        Assert.That(actual.RejectedRejuvenations, Is.EqualTo(expected.RejectedRejuvenations), what + ": rejected moves");
        Assert.That(actual.FirstRejection?.Message, Is.EqualTo(expected.FirstRejection?.Message), what + ": first rejection");
        Bitwise.SameParticles(expected.Particles, actual.Particles, what);
    }
}
