using System.Globalization;
using static SerialCluster.Cli.Reports.Numbers;

namespace SerialCluster.Cli.Reports;

/// <summary>A sweep as an HTML page: the setup, the verdict, the speedup and wall time charts, the points and the findings.</summary>
public static class SweepHtml
{
    public static HtmlPage Build(SweepResult sweep)
    {
        var a = sweep.Analysis;
        var parameters = string.Join(" ", sweep.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
        var page = new HtmlPage($"serialcluster sweep: {sweep.Workload}{(sweep.Partial ? " (partial)" : string.Empty)}")
            .Paragraph((sweep.Partial ? $"Partial: the sweep was cancelled; only its {sweep.Repeat} complete round(s) are analysed. " : string.Empty)
                + $"{sweep.Workload} {parameters}; mode {sweep.Mode}; {sweep.Repeat} run(s) per P on the {sweep.Cluster} with {sweep.Cores} {sweep.Noun}"
                + (sweep.Unit is { IsSilo: true } unit ? $" ({unit.Describe()})." : ".")
                + (sweep.Control is { } control
                    ? $" Capacity control: after each job at P ≤ {sweep.Cores}, {SweepControl.Kernel}, {control.ChunkSteps:N0} steps per task " +
                        $"(~{F(control.TaskSeconds)} s alone); C(P) = P · t(1 task) / t(P tasks)."
                    : " Capacity control off: the Amdahl fit assumes P ideal cores.")
                + $" Speedups are {a.BaselineLabel}.")
            .Paragraph($"Verdict: {sweep.Verdict}")
            .Image(Charts.Speedup(a, $"{sweep.Workload}: speedup against P"), "speedup chart")
            .Image(Charts.Times(a, $"{sweep.Workload}: wall time against P"), "wall time chart")
            .Heading("Points")
            .Table(
                [
                    "P", "runs", "median s", "min s", "max s", a.IsAbsolute ? "speedup T_serial/T(P)" : "speedup T(1)/T(P)", "relative T(1)/T(P)",
                    "efficiency", "Karp–Flatt", "max(T1/P,T∞) s", "Brent s", "burdened s", "predicted s", "capacity C(P)", "saturated",
                ],
                a.Points.Select(p =>
                {
                    var bound = a.Bounds.FirstOrDefault(b => b.P == p.P);
                    var check = sweep.Checks.First(c => c.P == p.P);
                    return (IReadOnlyList<string>)[
                        p.P.ToString(CultureInfo.InvariantCulture), p.Runs.ToString(CultureInfo.InvariantCulture), F(p.MedianSeconds), F(p.MinSeconds),
                        F(p.MaxSeconds), F(p.Speedup, "F2"), F(p.RelativeSpeedup, "F2"), F(p.Efficiency, "P0"), F(p.KarpFlatt),
                        F(bound?.LowerBoundSeconds ?? double.NaN), F(bound?.BrentSeconds ?? double.NaN), F(bound?.BurdenedSeconds ?? double.NaN),
                        F(check.PredictedSeconds), F(a.CapacityAt(p.P)?.Capacity ?? double.NaN, "F2"), p.Saturated ? "yes" : "no"];
                }))
            .Heading("Fits, bounds and checks")
            .List(SweepFindings.Lines(sweep));
        return page;
    }
}
