using SerialCluster.Workloads.Parameters;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Workloads.MonteCarlo;

/// <summary>
/// Estimates π from <c>samples</c> points in the unit square split over <c>tasks</c> independent tasks.
/// Point k uses SplitMix64 outputs 2k and 2k+1 of <c>seed</c>, so the count is the same however it is split.
/// </summary>
public sealed class MonteCarloWorkload : Workload
{
    public const long MaxSamples = 1_000_000_000_000;
    public const int MaxTasks = 1_000_000;

    private static readonly ParameterSpec[] Specs =
    [
        ParameterSpec.Integer("samples", 100_000_000, 1, MaxSamples, "points drawn in the unit square"),
        ParameterSpec.Integer("tasks", 16, 1, MaxTasks, "independent tasks the samples are split over (at most samples; left out: min(16, samples))"),
        ParameterSpec.Integer("seed", 42, 0, long.MaxValue, "SplitMix64 seed"),
    ];

    public override string Name => "montecarlo";

    public override string Summary => "π from random points: inside = #{k : x_k² + y_k² < 1}, pi = 4·inside/samples";

    public override string Lesson => "pure parallel: tasks share nothing, so more cores finish it sooner until dispatch overhead dominates";

    public override string Unit => "samples";

    public override string WorkFormula => "samples";

    public override string SpanFormula => "ceil(samples / tasks)";

    public override IReadOnlyList<ParameterSpec> Parameters => Specs;

    public override IReadOnlyDictionary<string, string> Example { get; } = new Dictionary<string, string>
    {
        ["samples"] = "2000000",
        ["tasks"] = "8",
        ["seed"] = "7",
    };

    protected override IEnumerable<(string Name, long Value)> AdaptDefaults(ParameterValues values) =>
        [("tasks", Math.Min(values.GetInteger("tasks"), values.GetInteger("samples")))];

    public override WorkloadPlan Compile(ParameterValues parameters)
    {
        var samples = parameters.GetInteger("samples");
        var tasks = parameters.GetInteger("tasks");
        if (tasks > samples)
        {
            throw new InvalidParameterException(
                ParameterErrorKind.OutOfRange, Name, "tasks", tasks.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"at most samples ({samples}) so that every task has a point");
        }

        return new MonteCarloPlan(parameters);
    }
}
