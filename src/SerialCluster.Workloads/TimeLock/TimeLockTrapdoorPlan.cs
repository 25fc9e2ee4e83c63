using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using SerialCluster.Workloads.Parameters;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Workloads.TimeLock;

/// <summary>
/// The same y as <see cref="TimeLockPlan"/>, by the trapdoor: one chain stage of O(log t + log N) steps
/// (<see cref="TimeLockTrapdoor"/>). Its result is the same JSON as the squaring chain's, bit for bit: which way y
/// was found shows in the plan's stage name and span, not in the answer.
/// </summary>
public sealed class TimeLockTrapdoorPlan : WorkloadPlan
{
    public const string StageName = "trapdoor";

    private readonly MontgomeryModulus _modulus;
    private readonly BigInteger _x;

    public TimeLockTrapdoorPlan(ParameterValues parameters, BigInteger modulus, BigInteger x, TimeLockTrapdoor trapdoor)
        : base(parameters, TimeLockWorkload.UnitName, [StageSpec.Chain(StageName, trapdoor.Steps.Count)])
    {
        _modulus = new MontgomeryModulus(modulus);
        _x = x;
        Trapdoor = trapdoor;
    }

    public TimeLockTrapdoor Trapdoor { get; }

    public override long TaskUnits(int stage, int task) => Trapdoor.Steps.Count;

    public override byte[] CreateTaskInput(int stage, int task, IReadOnlyList<byte[]> previousOutputs) => [];

    public override IChainRun StartChain(int stage, byte[] input) => new TimeLockTrapdoorRun(_modulus, _x, Trapdoor);

    public override JsonObject Finish(IReadOnlyList<byte[]> lastStageOutputs) => new()
    {
        ["y"] = new BigInteger(lastStageOutputs[0], isUnsigned: true, isBigEndian: false).ToString(CultureInfo.InvariantCulture),
    };
}
