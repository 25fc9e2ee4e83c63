using System.Text.Json.Nodes;
using SerialCluster.Analysis.Caveats;
using SerialCluster.Analysis.Scaling;
using SerialCluster.Cli.Output;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Cli.Commands;

/// <summary>One workload of <c>demo</c>: its plan and the medians of its pinned, P = 1 and P = cores runs.</summary>
public sealed record DemoRow(string Workload, WorkloadPlan Plan, DemoTimes Serial, DemoTimes One, DemoTimes All, int Cores, int MachineCores)
{
    public double PlanParallelism => (double)Plan.Work / Plan.Span;

    /// <summary>Absolute: against the best single-core run (pinned).</summary>
    public double Speedup => Serial.Median / All.Median;

    /// <summary>The scattered job against its own P = 1: scalability, not speedup.</summary>
    public double Relative => One.Median / All.Median;

    public double Bound => Plan.SpeedupBound(Math.Max(1, Math.Min(Cores, MachineCores)));

    /// <summary>What the speedup means; inconclusive when the machine was busy or the speedup is impossible on these cores.</summary>
    public string Verdict(LoadDuringRun load) => ScalingVerdict.Describe(Bound, Speedup, Cores, MachineCores, load);

    public JsonObject ToJson(LoadDuringRun load) => new()
    {
        ["workload"] = Workload,
        ["work"] = Plan.Work,
        ["span"] = Plan.Span,
        ["unit"] = Plan.Unit,
        ["parallelism"] = PlanParallelism,
        ["serialSeconds"] = Serial.Median,
        ["t1Seconds"] = One.Median,
        ["tpSeconds"] = All.Median,
        ["serialSpreadSeconds"] = Times(Serial),
        ["t1SpreadSeconds"] = Times(One),
        ["tpSpreadSeconds"] = Times(All),
        ["p"] = Cores,
        ["speedup"] = Speedup,
        ["relativeSpeedup"] = Relative,
        ["bound"] = Bound,
        ["verdict"] = Verdict(load),
    };

    private static JsonObject Times(DemoTimes times) => new() { ["min"] = times.Min, ["max"] = times.Max, ["runs"] = times.Runs.Count };
}
