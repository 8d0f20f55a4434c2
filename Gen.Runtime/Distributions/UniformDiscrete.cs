using System;

namespace Gen;

/// <summary>
/// The discrete uniform distribution on the integers lo, lo + 1, …, hi (both included), mass 1/(hi − lo + 1);
/// <c>uniform_discrete(lo, hi)</c>.
/// </summary>
public sealed class UniformDiscrete : Distribution<int, UniformDiscrete.Primitive>
{
    /// <summary>Uniform on the integers from <paramref name="lo"/> to <paramref name="hi"/>, both included.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="hi"/> is less than <paramref name="lo"/>.</exception>
    public UniformDiscrete(int lo, int hi) : base(new Primitive(lo, hi)) { }

    /// <summary>The smallest value.</summary>
    public int Lo => Parameters.Lo;

    /// <summary>The largest value.</summary>
    public int Hi => Parameters.Hi;

    /// <inheritdoc />
    public override string Name => "uniform_discrete";

    /// <summary>
    /// lo + (W mod n) with n = hi − lo + 1 and W the first of the key's 64-bit words below the largest multiple of n
    /// (rejecting the rest, with probability below 2^−32, makes it exactly uniform).
    /// </summary>
    public static int Sample(Key key, int lo, int hi) => new Primitive(lo, hi).Sample(key);

    /// <summary>−log(hi − lo + 1) for lo ≤ k ≤ hi; <c>-Infinity</c> outside.</summary>
    public static double LogDensity(int x, int lo, int hi) => new Primitive(lo, hi).LogDensity(x);

    /// <inheritdoc />
    public override string ToString() => Parameters.ToString();

    /// <summary>The discrete uniform distribution as a value: what a <c>uniform_discrete(lo, hi)</c> choice in a <c>[Gen]</c> body samples through.</summary>
    public readonly struct Primitive : IPrimitive<int>
    {
        /// <summary>Uniform on the integers from <paramref name="lo"/> to <paramref name="hi"/>, both included.</summary>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="hi"/> is less than <paramref name="lo"/>.</exception>
        public Primitive(int lo, int hi)
        {
            if (hi < lo) Check.Fail(nameof(hi), hi, $"must be at least lo = {lo}");
            Lo = lo;
            Hi = hi;
        }

        /// <summary>
        /// The primitive as a GPU kernel makes it, which cannot throw: <paramref name="valid"/> says whether the public
        /// constructor's checks (the same rules, as predicates) pass; a kernel rejects the particle when they do not.
        /// </summary>
        internal Primitive(int lo, int hi, out bool valid)
        {
            valid = hi >= lo;
            Lo = lo;
            Hi = hi;
        }

        /// <summary>The smallest value.</summary>
        public int Lo { get; }

        /// <summary>The largest value.</summary>
        public int Hi { get; }

        /// <summary>The number of values, hi − lo + 1 (between 1 and 2^32).</summary>
        private ulong Count => (ulong)((long)Hi - Lo + 1);

        /// <summary>
        /// lo + (W mod n) with n = hi − lo + 1 and W the first of the key's 64-bit words below the largest multiple of n
        /// (rejecting the rest, with probability below 2^−32, makes it exactly uniform). No draw when lo = hi.
        /// </summary>
        public int Sample(Key key)
        {
            var n = Count;
            if (n == 1) return Lo;
            // 2^64 mod n, computed in 64 bits; words at or above 2^64 − that are rejected.
            var excess = (0UL - n) % n;
            var last = ulong.MaxValue - excess;
            var bits = new KeyBits(key);
            ulong w;
            do w = bits.Bits(); while (w > last);
            return (int)(Lo + (long)(w % n));
        }

        /// <summary>−log(hi − lo + 1) for lo ≤ k ≤ hi; <c>-Infinity</c> outside.</summary>
        public double LogDensity(int x) => x >= Lo && x <= Hi ? -PortableMath.Log(Count) : double.NegativeInfinity;

        /// <inheritdoc />
        public override string ToString() => FormattableString.Invariant($"uniform_discrete({Lo}, {Hi})");
    }
}
