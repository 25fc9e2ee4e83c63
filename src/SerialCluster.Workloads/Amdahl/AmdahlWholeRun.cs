using System.Security.Cryptography;
using SerialCluster.Workloads.HashChain;
using SerialCluster.Workloads.Hashing;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Workloads.Amdahl;

/// <summary>
/// Pinned mode's form: the serial chain, then every chunk in task order, on one core; its output is the gathered
/// digest, equal to the staged plan's. Steps count exactly as in the plan (work = serialSteps + tasks·chunkSteps).
/// </summary>
public sealed class AmdahlWholeRun : IChainRun
{
    private readonly AmdahlSplit _split;
    private readonly HashChainRun _serial;
    private readonly byte[] _chunkDigests;
    private readonly byte[] _state = new byte[32];
    private byte[] _origin;

    public AmdahlWholeRun(byte[] seed, AmdahlSplit split)
    {
        _split = split;
        _serial = new HashChainRun(seed, split.SerialSteps);
        _origin = seed;
        _chunkDigests = new byte[split.Tasks * 32];
        TotalSteps = split.Work;
    }

    public long TotalSteps { get; }

    public long StepsDone { get; private set; }

    public void Advance(long steps)
    {
        steps = Math.Min(steps, TotalSteps - StepsDone);
        while (steps > 0)
        {
            if (StepsDone < _split.SerialSteps)
            {
                var serial = Math.Min(steps, _split.SerialSteps - StepsDone);
                _serial.Advance(serial);
                StepsDone += serial;
                steps -= serial;
                if (StepsDone == _split.SerialSteps)
                {
                    _origin = _serial.Output();
                }

                continue;
            }

            var position = StepsDone - _split.SerialSteps;
            var chunk = position / _split.ChunkSteps;
            var offset = position % _split.ChunkSteps;
            long done = 0;
            if (offset == 0)
            {
                AmdahlKernel.StartChunk(_origin, chunk, _state);
                done = 1;
            }

            var more = Math.Min(steps - done, _split.ChunkSteps - offset - done);
            Sha256Chain.Iterate(_state, more);
            done += more;
            StepsDone += done;
            steps -= done;
            if (offset + done == _split.ChunkSteps)
            {
                _state.CopyTo(_chunkDigests.AsSpan((int)chunk * 32));
            }
        }
    }

    /// <summary>SHA-256 of the chunk digests concatenated in task order.</summary>
    public byte[] Output() =>
        StepsDone == TotalSteps
            ? SHA256.HashData(_chunkDigests)
            : throw new InvalidOperationException($"The job has done {StepsDone} of {TotalSteps} steps.");

    public byte[] Checkpoint() =>
        new ChainStateWriter("amdahl-whole").Int64(StepsDone).Bytes(_serial.Checkpoint()).Bytes(_origin).Bytes(_state).Bytes(_chunkDigests).ToArray();

    public void Restore(byte[] checkpoint)
    {
        var reader = new ChainStateReader(checkpoint, "amdahl-whole");
        var steps = reader.Steps(TotalSteps);
        _serial.Restore(reader.Bytes());
        var origin = reader.Bytes();
        ChainStateReader.Into(reader.Bytes(), _state, "chunk state");
        ChainStateReader.Into(reader.Bytes(), _chunkDigests, "chunk digests");
        reader.End();
        _origin = origin;
        StepsDone = steps;
    }
}
