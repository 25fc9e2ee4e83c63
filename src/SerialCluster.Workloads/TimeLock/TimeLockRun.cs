using System.Numerics;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Workloads.TimeLock;

/// <summary>The squaring chain: the state is x^(2^k) mod N in Montgomery form after k steps.</summary>
public sealed class TimeLockRun : IChainRun
{
    private readonly MontgomeryModulus _modulus;
    private readonly ulong[] _residue;
    private readonly ulong[] _scratch;

    public TimeLockRun(MontgomeryModulus modulus, BigInteger x, long squarings)
    {
        _modulus = modulus;
        _residue = modulus.ToMontgomery(x);
        _scratch = new ulong[2 * modulus.Limbs];
        TotalSteps = squarings;
    }

    public long TotalSteps { get; }

    public long StepsDone { get; private set; }

    public void Advance(long steps)
    {
        steps = Math.Min(steps, TotalSteps - StepsDone);
        if (steps <= 0)
        {
            return;
        }

        _modulus.SquareRepeatedly(_residue, _scratch, steps);
        StepsDone += steps;
    }

    /// <summary>y as unsigned little-endian bytes.</summary>
    public byte[] Output() =>
        StepsDone == TotalSteps
            ? _modulus.FromMontgomery(_residue).ToByteArray(isUnsigned: true, isBigEndian: false)
            : throw new InvalidOperationException($"The chain has done {StepsDone} of {TotalSteps} squarings.");

    public byte[] Checkpoint() => new ChainStateWriter("timelock").Int64(StepsDone).Words(_residue).ToArray();

    public void Restore(byte[] checkpoint)
    {
        var reader = new ChainStateReader(checkpoint, "timelock");
        var steps = reader.Steps(TotalSteps);
        ChainStateReader.Into(reader.Words(), _residue, "residue");
        reader.End();
        StepsDone = steps;
    }
}
