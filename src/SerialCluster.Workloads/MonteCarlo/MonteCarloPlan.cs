using System.Buffers.Binary;
using System.Text.Json.Nodes;
using SerialCluster.Workloads.Parameters;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Workloads.MonteCarlo;

/// <summary>One wide stage; task i counts points [samples·i/tasks, samples·(i+1)/tasks).</summary>
public sealed class MonteCarloPlan : WorkloadPlan
{
    private readonly long _samples;
    private readonly int _tasks;
    private readonly ulong _seed;

    public MonteCarloPlan(ParameterValues parameters)
        : base(parameters, "samples", [StageFor(parameters)])
    {
        _samples = parameters.GetInteger("samples");
        _tasks = parameters.GetInt32("tasks");
        _seed = (ulong)parameters.GetInteger("seed");
    }

    public override long TaskUnits(int stage, int task) => Start(task + 1) - Start(task);

    public override byte[] CreateTaskInput(int stage, int task, IReadOnlyList<byte[]> previousOutputs)
    {
        var input = new byte[16];
        BinaryPrimitives.WriteInt64LittleEndian(input, Start(task));
        BinaryPrimitives.WriteInt64LittleEndian(input.AsSpan(8), Start(task + 1));
        return input;
    }

    public override byte[] RunTask(int stage, int task, byte[] input, CancellationToken cancellationToken)
    {
        var first = BinaryPrimitives.ReadInt64LittleEndian(input);
        var end = BinaryPrimitives.ReadInt64LittleEndian(input.AsSpan(8));
        var inside = MonteCarloKernel.CountInside(_seed, first, end, cancellationToken);
        var output = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(output, inside);
        return output;
    }

    public override JsonObject Finish(IReadOnlyList<byte[]> lastStageOutputs)
    {
        long inside = 0;
        foreach (var output in lastStageOutputs)
        {
            inside += BinaryPrimitives.ReadInt64LittleEndian(output);
        }

        return new JsonObject
        {
            ["inside"] = inside,
            ["samples"] = _samples,
            ["pi"] = 4.0 * inside / _samples,
        };
    }

    private static StageSpec StageFor(ParameterValues parameters)
    {
        var samples = parameters.GetInteger("samples");
        var tasks = parameters.GetInteger("tasks");
        var largest = (samples + tasks - 1) / tasks;
        return StageSpec.Parallel("sample", (int)tasks, samples, largest);
    }

    private long Start(int task) => (long)((Int128)_samples * task / _tasks);
}
