using System.Text.Json.Nodes;
using SerialCluster.Workloads.Arith;
using SerialCluster.Workloads.Parameters;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Workloads.Refine;

/// <summary>
/// <c>rounds</c> wide stages, one per synchronous round; task t owns positions [length·t/tasks, length·(t+1)/tasks) and
/// reads its block and the block reach places to the left from the previous round. The plan stops after the first
/// round that leaves every position final (<see cref="IsComplete"/>), so every mode runs the same rounds. Each task
/// counts its positions equal to the sequential chain (<see cref="RefineChain.Sequential"/>): the correctness curve.
/// </summary>
public sealed class RefinePlan : WorkloadPlan
{
    /// <summary>Values listed in the result up to this length; the digest covers them all.</summary>
    public const int ListedValues = 4096;

    private readonly RefineChain _chain;
    private readonly Lazy<ulong[]> _truth;
    private readonly int _tasks;
    private readonly int _rounds;

    internal RefinePlan(ParameterValues parameters, RefineChain chain, int tasks, int rounds)
        : base(parameters, RefineWorkload.UnitName, StagesFor(chain.Length, tasks, rounds))
    {
        _chain = chain;
        _tasks = tasks;
        _rounds = rounds;
        _truth = new Lazy<ulong[]>(chain.Sequential, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public override long TaskUnits(int stage, int task) => Start(task + 1) - Start(task);

    public override byte[] CreateTaskInput(int stage, int task, IReadOnlyList<byte[]> previousOutputs)
    {
        int first = Start(task), end = Start(task + 1);
        var reach = RefineRound.Reach(_chain.Associative, stage + 1);
        var leftFirst = Math.Max(0, first - reach);
        var leftEnd = Math.Max(0, end - reach);
        List<long> history = [];
        if (task == 0 && stage > 0)
        {
            history.AddRange(RefineCodec.History(previousOutputs[0], isOutput: true));
            history.Add(previousOutputs.Sum(RefineCodec.Correct));
        }

        var input = RefineCodec.Input(history, (end - first) + (leftEnd - leftFirst));
        var at = RefineCodec.StatesAt(input, isOutput: false);
        var index = 0;
        foreach (var (from, to) in new[] { (first, end), (leftFirst, leftEnd) })
        {
            for (var i = from; i < to; i++)
            {
                StateBefore(stage, i, previousOutputs).Write(input.AsSpan(at), index++);
            }
        }

        return input;
    }

    public override byte[] RunTask(int stage, int task, byte[] input, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        int first = Start(task), end = Start(task + 1);
        var reach = RefineRound.Reach(_chain.Associative, stage + 1);
        var leftFirst = Math.Max(0, first - reach);
        var count = end - first;
        var states = input.AsSpan(RefineCodec.StatesAt(input, isOutput: false));
        var truth = _truth.Value;
        var output = RefineCodec.Output(0, 0, RefineCodec.History(input, isOutput: false), count);
        var written = output.AsSpan(RefineCodec.StatesAt(output, isOutput: true));
        long correct = 0, final = 0;
        for (var i = first; i < end; i++)
        {
            var own = RefineState.Read(states, i - first);
            var left = i - reach >= 0 ? RefineState.Read(states, count + (i - reach - leftFirst)) : default;
            var next = RefineRound.Update(_chain, i, reach, own, left);
            next.Write(written, i - first);
            correct += RefineRound.Value(_chain, next) == truth[i] ? 1 : 0;
            final += next.Final ? 1 : 0;
        }

        var header = RefineCodec.Output(correct, final, [], 0);
        header.AsSpan(0, 8 * RefineCodec.OutputHeaderWords).CopyTo(output);
        return output;
    }

    /// <summary>Stop after the first round that leaves every position final: later rounds would change nothing.</summary>
    public override bool IsComplete(int stage, IReadOnlyList<byte[]> stageOutputs) => stageOutputs.Sum(RefineCodec.Final) == _chain.Length;

    public override IChainRun? CreateWholeChain() => new RefineWholeChain(_chain, _truth.Value, _rounds);

    public override JsonObject FinishWholeChain(byte[] output) => Finish([output]);

    /// <summary>The rounds the whole chain ran (it stops where the staged plan does): the stages done.</summary>
    public override int WholeChainStages(byte[] output) => RefineCodec.History(output, isOutput: true).Length + 1;

    public override IReadOnlyList<IReadOnlyDictionary<string, string>> CoarserSplits(int slots) => CoarserSplit.FewerTasks(this, slots);

    public override JsonObject Finish(IReadOnlyList<byte[]> lastStageOutputs)
    {
        var truth = _truth.Value;
        long initiallyCorrect = 0;
        for (var i = 0; i < _chain.Length; i++)
        {
            initiallyCorrect += RefineRound.Value(_chain, RefineRound.Initial(_chain, i)) == truth[i] ? 1 : 0;
        }

        var curve = new List<long> { initiallyCorrect };
        curve.AddRange(RefineCodec.History(lastStageOutputs[0], isOutput: true));
        curve.Add(lastStageOutputs.Sum(RefineCodec.Correct));
        var values = new ulong[_chain.Length];
        var index = 0;
        foreach (var output in lastStageOutputs)
        {
            var states = output.AsSpan(RefineCodec.StatesAt(output, isOutput: true));
            for (var k = 0; k < states.Length / RefineState.Bytes; k++)
            {
                values[index++] = RefineRound.Value(_chain, RefineState.Read(states, k));
            }
        }

        ulong digest = 0;
        for (var i = 0; i < values.Length; i++)
        {
            digest = ArithField.Add(digest, ArithField.Multiply((ulong)(i + 1), values[i]));
        }

        var json = new JsonObject
        {
            ["step"] = _chain.Associative ? "associative" : "nonlinear",
            ["roundsUsed"] = curve.Count - 1,
            ["converged"] = lastStageOutputs.Sum(RefineCodec.Final) == _chain.Length,
            ["roundsPredicted"] = RoundsNeeded(_chain.Length, _chain.Associative),
            ["correctPerRound"] = new JsonArray([.. curve.Select(c => (JsonNode?)JsonValue.Create(c))]),
            ["last"] = values[^1],
            ["digest"] = digest,
        };
        if (values.Length <= ListedValues)
        {
            json["values"] = new JsonArray([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);
        }

        return json;
    }

    /// <summary>Rounds until every position is final: length for the nonlinear chain, ⌈log2 length⌉ for pointer jumping.</summary>
    public static int RoundsNeeded(int length, bool associative) =>
        associative ? (int)Math.Ceiling(Math.Log2(length) - 1e-12) : length;

    private RefineState StateBefore(int stage, int i, IReadOnlyList<byte[]> previousOutputs)
    {
        if (stage == 0)
        {
            return RefineRound.Initial(_chain, i);
        }

        var task = TaskOf(i);
        var output = previousOutputs[task];
        return RefineState.Read(output.AsSpan(RefineCodec.StatesAt(output, isOutput: true)), i - Start(task));
    }

    private int Start(int task) => (int)((long)_chain.Length * task / _tasks);

    private int TaskOf(int i)
    {
        // The last t with Start(t) ≤ i; the guess from the even split is off by at most one.
        var task = (int)Math.Min(_tasks - 1, ((long)i * _tasks) / _chain.Length);
        while (task > 0 && Start(task) > i)
        {
            task--;
        }

        while (task < _tasks - 1 && Start(task + 1) <= i)
        {
            task++;
        }

        return task;
    }

    private static List<StageSpec> StagesFor(int length, int tasks, int rounds)
    {
        var largest = (length + tasks - 1) / tasks;
        return [.. Enumerable.Range(1, rounds).Select(r => StageSpec.Parallel($"round {r}", tasks, length, largest))];
    }
}
