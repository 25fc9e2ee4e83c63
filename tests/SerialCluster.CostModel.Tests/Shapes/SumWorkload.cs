using SerialCluster.Workloads.Parameters;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.CostModel.Tests.Shapes;

/// <summary>A workload the cost model has never heard of: sums 1..n over <c>tasks</c> tasks (not in the catalog).</summary>
internal sealed class SumWorkload : Workload
{
    private static readonly ParameterSpec[] Specs =
    [
        ParameterSpec.Integer("n", 1000, 1, 1_000_000, "numbers summed"),
        ParameterSpec.Integer("tasks", 8, 1, 64, "tasks the numbers are split over"),
    ];

    public override string Name => "sum";

    public override string Summary => "1 + 2 + … + n";

    public override string Lesson => "a test's workload";

    public override string Unit => "additions";

    public override string WorkFormula => "n";

    public override string SpanFormula => "ceil(n / tasks)";

    public override IReadOnlyList<ParameterSpec> Parameters => Specs;

    public override IReadOnlyDictionary<string, string> Example { get; } = new Dictionary<string, string> { ["n"] = "1000", ["tasks"] = "8" };

    public override WorkloadPlan Compile(ParameterValues parameters) => new SumPlan(parameters);
}
