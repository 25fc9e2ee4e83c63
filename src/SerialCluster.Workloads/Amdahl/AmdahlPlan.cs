using System.Security.Cryptography;
using System.Text.Json.Nodes;
using SerialCluster.Workloads.HashChain;
using SerialCluster.Workloads.Parameters;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Workloads.Amdahl;

/// <summary>
/// A chain stage of serialSteps (left out when there are none), then one wide stage of tasks chunks; the ordered
/// gather, SHA-256 of the chunk digests in task order, happens in <see cref="Finish"/>.
/// </summary>
public sealed class AmdahlPlan : WorkloadPlan
{
    private readonly byte[] _seed;
    private readonly AmdahlSplit _split;
    private readonly int _chunkStage;

    public AmdahlPlan(ParameterValues parameters, AmdahlSplit split)
        : base(parameters, AmdahlWorkload.UnitName, BuildStages(split))
    {
        _seed = parameters.GetHex("seed");
        _split = split;
        _chunkStage = split.SerialSteps > 0 ? 1 : 0;
    }

    /// <summary>The split this plan runs.</summary>
    public AmdahlSplit Split => _split;

    public override long TaskUnits(int stage, int task) => stage == _chunkStage ? _split.ChunkSteps : _split.SerialSteps;

    public override byte[] CreateTaskInput(int stage, int task, IReadOnlyList<byte[]> previousOutputs) =>
        stage == _chunkStage && _chunkStage > 0 ? previousOutputs[0] : _seed;

    public override IChainRun StartChain(int stage, byte[] input) => new HashChainRun(input, _split.SerialSteps);

    public override byte[] RunTask(int stage, int task, byte[] input, CancellationToken cancellationToken) =>
        AmdahlKernel.RunChunk(input, task, _split.ChunkSteps, cancellationToken);

    public override IChainRun? CreateWholeChain() => new AmdahlWholeRun(_seed, _split);

    public override JsonObject FinishWholeChain(byte[] output) => Result(output);

    public override JsonObject Finish(IReadOnlyList<byte[]> lastStageOutputs)
    {
        var gathered = new byte[lastStageOutputs.Count * 32];
        for (var task = 0; task < lastStageOutputs.Count; task++)
        {
            lastStageOutputs[task].CopyTo(gathered, task * 32);
        }

        return Result(SHA256.HashData(gathered));
    }

    private JsonObject Result(byte[] digest) => new()
    {
        ["digest"] = Convert.ToHexStringLower(digest),
        ["serialSteps"] = _split.SerialSteps,
        ["chunkSteps"] = _split.ChunkSteps,
        ["tasks"] = _split.Tasks,
        ["serialFraction"] = _split.SerialFraction,
    };

    private static StageSpec[] BuildStages(AmdahlSplit split)
    {
        var chunks = StageSpec.Parallel("chunks", split.Tasks, split.Tasks * split.ChunkSteps, split.ChunkSteps);
        return split.SerialSteps > 0 ? [StageSpec.Chain("serial", split.SerialSteps), chunks] : [chunks];
    }
}
