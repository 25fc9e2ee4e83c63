using System.Globalization;
using SerialCluster.Workloads.Parameters;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Workloads.Refine;

/// <summary>
/// Fixed-depth refinement, the intuition behind the paper's diffusion theorem (§4): synchronous rounds, each
/// updating every position of a chain from its neighbours' previous values, until every position is final. A nonlinear
/// step (x² + a) needs one round per position; an associative one (affine maps) converges by pointer jumping in
/// ⌈log2 length⌉ rounds (<see cref="RefineRound"/>). It illustrates the argument; it trains and tests no diffusion model.
/// </summary>
public sealed class RefineWorkload : Workload
{
    public const string UnitName = "position updates";
    public const int MaxLength = 1 << 20;
    public const int MaxRounds = 4096;
    public const int MaxTasks = 1024;

    private static readonly ParameterSpec[] Specs =
    [
        ParameterSpec.Integer("length", 1024, 2, MaxLength, "positions n of the chain x_i = f_i(x_{i−1})"),
        ParameterSpec.Choice(
            "step", "nonlinear", ["nonlinear", "associative"],
            "nonlinear: f_i(x) = x² + a_i mod p, one more position final per round (n rounds); associative: f_i(x) = a_i·x + b_i, pointer jumping " +
            "(⌈log2 n⌉ rounds)"),
        ParameterSpec.Integer(
            "rounds", 1024, 1, MaxRounds, $"most rounds (stages); the job stops earlier once every position is final; default: min(length, {MaxRounds})"),
        ParameterSpec.Integer("tasks", 8, 1, MaxTasks, "blocks of positions per round (at most length)"),
        ParameterSpec.Integer("seed", 1, 0, long.MaxValue, "SplitMix64 seed of the step coefficients and of x_{−1}"),
    ];

    public override string Name => "refine";

    public override string Summary =>
        "fixed-depth refinement rounds over a chain mod p = 2^61 − 1: a nonlinear step (n rounds) or an associative one (pointer jumping, ⌈log2 n⌉)";

    public override string Lesson =>
        "parallel rounds of bounded depth converge fast only where the step has a shortcut; for a nonlinear chain the rounds must grow with n";

    public override string Unit => UnitName;

    public override string WorkFormula => "length × rounds run (at most length × rounds)";

    public override string SpanFormula => "rounds run × ⌈length / tasks⌉";

    public override IReadOnlyList<ParameterSpec> Parameters => Specs;

    public override IReadOnlyDictionary<string, string> Example { get; } = new Dictionary<string, string>
    {
        ["length"] = "128",
        ["step"] = "nonlinear",
        ["rounds"] = "128",
        ["tasks"] = "4",
        ["seed"] = "7",
    };

    protected override IEnumerable<(string Name, long Value)> AdaptDefaults(ParameterValues values)
    {
        var length = values.GetInteger("length");
        yield return ("rounds", Math.Min(length, MaxRounds));
        yield return ("tasks", Math.Min(values.GetInteger("tasks"), length));
    }

    public override WorkloadPlan Compile(ParameterValues parameters)
    {
        var length = parameters.GetInt32("length");
        var rounds = parameters.GetInt32("rounds");
        var tasks = parameters.GetInt32("tasks");
        if (tasks > length)
        {
            throw new InvalidParameterException(
                ParameterErrorKind.OutOfRange, Name, "tasks", tasks.ToString(CultureInfo.InvariantCulture),
                $"at most length = {length.ToString(CultureInfo.InvariantCulture)} (one position per task at least)");
        }

        var chain = new RefineChain(length, (ulong)parameters.GetInteger("seed"), parameters.GetString("step") == "associative");
        return new RefinePlan(parameters, chain, tasks, rounds);
    }
}
