using System.Security.Cryptography;
using SerialCluster.Workloads.Hashing;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Workloads.HashChain;

/// <summary>The chain state: the current 32-byte digest (or the seed, before the first step).</summary>
public sealed class HashChainRun : IChainRun
{
    private readonly byte[] _seed;
    private readonly byte[] _state = new byte[32];

    public HashChainRun(byte[] seed, long totalSteps)
    {
        _seed = seed;
        TotalSteps = totalSteps;
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

        if (StepsDone == 0)
        {
            // The seed may have any length; from the first digest on every input is 32 bytes.
            SHA256.HashData(_seed, _state);
            StepsDone = 1;
            steps--;
        }

        Sha256Chain.Iterate(_state, steps);
        StepsDone += steps;
    }

    public byte[] Output() =>
        StepsDone == TotalSteps
            ? (byte[])_state.Clone()
            : throw new InvalidOperationException($"The chain has done {StepsDone} of {TotalSteps} steps.");

    public byte[] Checkpoint() => new ChainStateWriter("hashchain").Int64(StepsDone).Bytes(_state).ToArray();

    public void Restore(byte[] checkpoint)
    {
        var reader = new ChainStateReader(checkpoint, "hashchain");
        var steps = reader.Steps(TotalSteps);
        ChainStateReader.Into(reader.Bytes(), _state, "digest");
        reader.End();
        StepsDone = steps;
    }
}
