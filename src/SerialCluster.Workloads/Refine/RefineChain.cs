using SerialCluster.Workloads.Arith;
using SerialCluster.Workloads.Randomness;

namespace SerialCluster.Workloads.Refine;

/// <summary>
/// The dependent chain x_i = f_i(x_{i−1}) over the integers mod p = 2^61 − 1, x_{−1} = <see cref="Start"/>, with
/// a_i = SplitMix64 output 2i of the seed mod p and b_i = output 2i + 1 mod p. Nonlinear: f_i(x) = x² + a_i, whose
/// compositions double in degree, so nothing shorter than the chain is known. Associative: f_i(x) = a'_i·x + b_i
/// with a'_i = a_i | 1 (nonzero), affine maps that compose into affine maps, so pointer jumping applies.
/// </summary>
public sealed class RefineChain
{
    private readonly ulong[] _a;
    private readonly ulong[] _b;

    public RefineChain(int length, ulong seed, bool associative)
    {
        Length = length;
        Associative = associative;
        _a = new ulong[length];
        _b = new ulong[length];
        for (var i = 0; i < length; i++)
        {
            var a = SplitMix64.At(seed, 2 * (ulong)i) % ArithField.Modulus;
            _a[i] = associative ? a | 1 : a;
            _b[i] = SplitMix64.At(seed, (2 * (ulong)i) + 1) % ArithField.Modulus;
        }

        Start = SplitMix64.At(seed, 2 * (ulong)length) % ArithField.Modulus;
    }

    public int Length { get; }

    public bool Associative { get; }

    /// <summary>x_{−1}: SplitMix64 output 2·length of the seed mod p.</summary>
    public ulong Start { get; }

    /// <summary>f_i(x).</summary>
    public ulong Step(int i, ulong x) =>
        Associative ? ArithField.Add(ArithField.Multiply(_a[i], x), _b[i]) : ArithField.Add(ArithField.Multiply(x, x), _a[i]);

    /// <summary>The affine map f_i as (multiplier, offset); only for the associative chain.</summary>
    public (ulong A, ulong B) Map(int i) => (_a[i], _b[i]);

    /// <summary>Every x_i, one after the other: what the refinement rounds must reach.</summary>
    public ulong[] Sequential()
    {
        var values = new ulong[Length];
        var x = Start;
        for (var i = 0; i < Length; i++)
        {
            x = Step(i, x);
            values[i] = x;
        }

        return values;
    }
}
