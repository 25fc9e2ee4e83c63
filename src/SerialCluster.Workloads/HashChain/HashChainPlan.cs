using System.Text.Json.Nodes;
using SerialCluster.Workloads.Parameters;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Workloads.HashChain;

/// <summary>One chain stage of <c>steps</c> SHA-256 applications.</summary>
public sealed class HashChainPlan : WorkloadPlan
{
    private readonly long _steps;

    public HashChainPlan(ParameterValues parameters)
        : base(parameters, "SHA-256 steps", [StageSpec.Chain("chain", parameters.GetInteger("steps"))])
    {
        _steps = parameters.GetInteger("steps");
    }

    public override long TaskUnits(int stage, int task) => _steps;

    public override byte[] CreateTaskInput(int stage, int task, IReadOnlyList<byte[]> previousOutputs) =>
        Parameters.GetHex("seed");

    public override IChainRun StartChain(int stage, byte[] input) => new HashChainRun(input, _steps);

    public override JsonObject Finish(IReadOnlyList<byte[]> lastStageOutputs) => new()
    {
        ["digest"] = Convert.ToHexStringLower(lastStageOutputs[0]),
    };
}
