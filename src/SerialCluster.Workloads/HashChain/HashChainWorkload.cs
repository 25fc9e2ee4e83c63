using SerialCluster.Workloads.Parameters;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Workloads.HashChain;

/// <summary>
/// x0 = the bytes of <c>seed</c>, x(i+1) = SHA-256(x(i)): each step needs the one before, so work = span = steps
/// and no number of processors shortens it. The prototype inherently serial workload.
/// </summary>
public sealed class HashChainWorkload : Workload
{
    public const long MaxSteps = 1_000_000_000_000;

    private static readonly ParameterSpec[] Specs =
    [
        ParameterSpec.Hex("seed", "616263", 0, 4096, "x0 as hexadecimal bytes (616263 is \"abc\")"),
        ParameterSpec.Integer("steps", 1_000_000, 1, MaxSteps, "number of SHA-256 applications"),
    ];

    public override string Name => "hashchain";

    public override string Summary => "iterated SHA-256: x(i+1) = SHA-256(x(i)); result digest = x(steps)";

    public override string Lesson => "pure serial: every step needs the previous digest, so only a faster core shortens it";

    public override string Unit => "SHA-256 steps";

    public override string WorkFormula => "steps";

    public override string SpanFormula => "steps";

    public override IReadOnlyList<ParameterSpec> Parameters => Specs;

    public override IReadOnlyDictionary<string, string> Example { get; } = new Dictionary<string, string>
    {
        ["seed"] = "616263",
        ["steps"] = "100000",
    };

    public override WorkloadPlan Compile(ParameterValues parameters) => new HashChainPlan(parameters);
}
