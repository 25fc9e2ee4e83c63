using SerialCluster.Workloads.Plans;

namespace SerialCluster.Workloads.Refine;

/// <summary>
/// Pinned mode's form: the same rounds over two state arrays in one loop, one step per round, with no per-round bytes;
/// it stops (skipping the rest as no-ops) after the first round that leaves every position final, as the staged plan
/// does. Its output is one task output of the last round covering every position, so the plan's Finish reads it.
/// </summary>
internal sealed class RefineWholeChain : IChainRun
{
    private const string Kind = "refine-whole";

    private readonly RefineChain _chain;
    private readonly ulong[] _truth;
    private readonly List<long> _history = [];
    private RefineState[] _states;
    private RefineState[] _next;
    private long _correct;
    private long _final;

    public RefineWholeChain(RefineChain chain, ulong[] truth, int rounds)
    {
        _chain = chain;
        _truth = truth;
        TotalSteps = rounds;
        _states = new RefineState[chain.Length];
        _next = new RefineState[chain.Length];
        for (var i = 0; i < chain.Length; i++)
        {
            _states[i] = RefineRound.Initial(chain, i);
        }
    }

    public long TotalSteps { get; }

    public long StepsDone { get; private set; }

    public void Advance(long steps)
    {
        steps = Math.Min(Math.Max(0, steps), TotalSteps - StepsDone);
        for (long k = 0; k < steps; k++)
        {
            if (StepsDone > 0)
            {
                _history.Add(_correct);
            }

            var reach = RefineRound.Reach(_chain.Associative, (int)StepsDone + 1);
            long correct = 0, final = 0;
            for (var i = 0; i < _states.Length; i++)
            {
                var next = RefineRound.Update(_chain, i, reach, _states[i], i - reach >= 0 ? _states[i - reach] : default);
                _next[i] = next;
                correct += RefineRound.Value(_chain, next) == _truth[i] ? 1 : 0;
                final += next.Final ? 1 : 0;
            }

            (_states, _next) = (_next, _states);
            (_correct, _final) = (correct, final);
            StepsDone++;
            if (final == _states.Length)
            {
                StepsDone = TotalSteps; // every later round would change nothing: the staged plan stops here too
                return;
            }
        }
    }

    public byte[] Output()
    {
        if (StepsDone != TotalSteps)
        {
            throw new InvalidOperationException($"The chain has run {StepsDone} of {TotalSteps} rounds.");
        }

        var output = RefineCodec.Output(_correct, _final, _history, _states.Length);
        var states = output.AsSpan(RefineCodec.StatesAt(output, isOutput: true));
        for (var i = 0; i < _states.Length; i++)
        {
            _states[i].Write(states, i);
        }

        return output;
    }

    public byte[] Checkpoint()
    {
        var words = new ulong[2 * _states.Length];
        for (var i = 0; i < _states.Length; i++)
        {
            words[2 * i] = _states[i].First;
            words[(2 * i) + 1] = _states[i].Second | (_states[i].Final ? 1UL << 63 : 0);
        }

        var history = _history.Select(h => (ulong)h).ToArray();
        return new ChainStateWriter(Kind).Int64(StepsDone).Int64(_correct).Int64(_final).Words(history).Words(words).ToArray();
    }

    public void Restore(byte[] checkpoint)
    {
        var reader = new ChainStateReader(checkpoint, Kind);
        var steps = reader.Steps(TotalSteps);
        var correct = reader.Int64();
        var final = reader.Int64();
        var history = reader.Words();
        var words = reader.Words();
        reader.End();
        if (words.Length != 2 * _states.Length)
        {
            throw new InvalidDataException($"the checkpoint holds {words.Length / 2} positions, the chain {_states.Length}");
        }

        for (var i = 0; i < _states.Length; i++)
        {
            var second = words[(2 * i) + 1];
            _states[i] = new RefineState(words[2 * i], second & ~(1UL << 63), (second >> 63) != 0);
        }

        _history.Clear();
        _history.AddRange(history.Select(h => (long)h));
        (_correct, _final, StepsDone) = (correct, final, steps);
    }
}
