using System.Buffers.Binary;
using System.Text.Json.Nodes;
using SerialCluster.Workloads.Parameters;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Workloads.S5;

/// <summary>
/// <c>method=fold</c>: one chain stage of <c>length</c> products. <c>method=tree</c>: a wide stage whose task b
/// folds block b of the word, then combine stages, each multiplying adjacent groups of at most <c>fanIn</c>
/// products in order, until one remains (⌈log_fanIn tasks⌉ levels). The group is not commutative, so every
/// combine keeps task order; it is associative, so every split gives the fold's product.
/// </summary>
public sealed class S5Plan : WorkloadPlan
{
    private readonly ulong _seed;
    private readonly long _length;
    private readonly bool _tree;
    private readonly int _tasks;
    private readonly int _fanIn;

    // Products entering each combine stage: _counts[0] = tasks, _counts[j] = ⌈_counts[j−1] / fanIn⌉.
    private readonly int[] _counts;

    public S5Plan(ParameterValues parameters)
        : base(parameters, S5Workload.UnitName, BuildStages(parameters))
    {
        _seed = (ulong)parameters.GetInteger("seed");
        _length = parameters.GetInteger("length");
        _tree = parameters.GetString("method") == "tree";
        _tasks = parameters.GetInt32("tasks");
        _fanIn = parameters.GetInt32("fanIn");
        _counts = _tree ? Counts(_tasks, _fanIn) : [];
    }

    public override long TaskUnits(int stage, int task)
    {
        if (!_tree)
        {
            return _length;
        }

        return stage == 0 ? BlockStart(task + 1) - BlockStart(task) : GroupSize(stage, task) - 1;
    }

    public override byte[] CreateTaskInput(int stage, int task, IReadOnlyList<byte[]> previousOutputs)
    {
        if (!_tree)
        {
            return [];
        }

        if (stage == 0)
        {
            var input = new byte[16];
            BinaryPrimitives.WriteInt64LittleEndian(input, BlockStart(task));
            BinaryPrimitives.WriteInt64LittleEndian(input.AsSpan(8), BlockStart(task + 1));
            return input;
        }

        // The group's products, one byte each, in task order.
        var first = task * _fanIn;
        var group = new byte[GroupSize(stage, task)];
        for (var i = 0; i < group.Length; i++)
        {
            group[i] = previousOutputs[first + i][0];
        }

        return group;
    }

    public override byte[] RunTask(int stage, int task, byte[] input, CancellationToken cancellationToken)
    {
        if (!_tree)
        {
            return base.RunTask(stage, task, input, cancellationToken);
        }

        if (stage == 0)
        {
            var first = BinaryPrimitives.ReadInt64LittleEndian(input);
            var end = BinaryPrimitives.ReadInt64LittleEndian(input.AsSpan(8));
            return [(byte)S5Kernel.Fold(_seed, first, end, S5Group.Identity, cancellationToken)];
        }

        var product = S5Group.Identity;
        foreach (var element in input)
        {
            product = S5Group.Multiply(product, element);
        }

        return [(byte)product];
    }

    public override IChainRun StartChain(int stage, byte[] input) =>
        _tree ? base.StartChain(stage, input) : new S5FoldRun(_seed, _length);

    /// <summary>Pinned mode runs the tree as the plain fold: one core gains nothing from blocks.</summary>
    public override IChainRun? CreateWholeChain() => _tree ? new S5FoldRun(_seed, _length) : null;

    public override JsonObject FinishWholeChain(byte[] output) => Result(output[0]);

    public override JsonObject Finish(IReadOnlyList<byte[]> lastStageOutputs) => Result(lastStageOutputs[0][0]);

    private static JsonObject Result(int index)
    {
        var permutation = new JsonArray();
        foreach (var image in S5Group.Permutation(index))
        {
            permutation.Add((int)image);
        }

        return new JsonObject
        {
            ["index"] = index,
            ["permutation"] = permutation,
        };
    }

    private static StageSpec[] BuildStages(ParameterValues parameters)
    {
        var length = parameters.GetInteger("length");
        if (parameters.GetString("method") != "tree")
        {
            return [StageSpec.Chain("fold", length)];
        }

        var tasks = parameters.GetInt32("tasks");
        var fanIn = parameters.GetInt32("fanIn");
        var counts = Counts(tasks, fanIn);
        var stages = new StageSpec[counts.Length];
        stages[0] = StageSpec.Parallel("fold blocks", tasks, length, (length + tasks - 1) / tasks);
        for (var level = 1; level < counts.Length; level++)
        {
            var inputs = counts[level - 1];
            var groups = counts[level];
            stages[level] = StageSpec.Parallel($"combine {level}", groups, inputs - groups, Math.Min(fanIn, inputs) - 1);
        }

        return stages;
    }

    private static int[] Counts(int tasks, int fanIn)
    {
        var counts = new List<int> { tasks };
        while (counts[^1] > 1)
        {
            counts.Add((counts[^1] + fanIn - 1) / fanIn);
        }

        return [.. counts];
    }

    private long BlockStart(int block) => (long)((Int128)_length * block / _tasks);

    private int GroupSize(int stage, int task) => Math.Min(_fanIn, _counts[stage - 1] - (task * _fanIn));
}
