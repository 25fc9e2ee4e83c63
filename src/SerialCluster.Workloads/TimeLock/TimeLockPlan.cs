using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using SerialCluster.Workloads.Parameters;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Workloads.TimeLock;

/// <summary>One chain stage of <c>t</c> squarings modulo N.</summary>
public sealed class TimeLockPlan : WorkloadPlan
{
    private readonly MontgomeryModulus _modulus;
    private readonly BigInteger _x;
    private readonly long _squarings;

    public TimeLockPlan(ParameterValues parameters, BigInteger modulus, BigInteger x)
        : base(parameters, TimeLockWorkload.UnitName, [StageSpec.Chain("square", parameters.GetInteger("t"))])
    {
        _modulus = new MontgomeryModulus(modulus);
        _x = x;
        _squarings = parameters.GetInteger("t");
    }

    public override long TaskUnits(int stage, int task) => _squarings;

    // The plan holds N and x; the chain needs nothing from outside.
    public override byte[] CreateTaskInput(int stage, int task, IReadOnlyList<byte[]> previousOutputs) => [];

    public override IChainRun StartChain(int stage, byte[] input) => new TimeLockRun(_modulus, _x, _squarings);

    public override JsonObject Finish(IReadOnlyList<byte[]> lastStageOutputs) => new()
    {
        ["y"] = new BigInteger(lastStageOutputs[0], isUnsigned: true, isBigEndian: false).ToString(CultureInfo.InvariantCulture),
    };
}
