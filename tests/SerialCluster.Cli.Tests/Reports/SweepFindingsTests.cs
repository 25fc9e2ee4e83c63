using SerialCluster.Abstractions.Jobs;
using SerialCluster.Analysis.Caveats;
using SerialCluster.Cli.Reports;

namespace SerialCluster.Cli.Tests.Reports;

/// <summary>
/// Sweeps built from constructed measurements: each rule that keeps a finding honest on a busy machine (inconclusive
/// verdicts, fits whose error exceeds them, impossible efficiencies, unbounded limits, negative α) has its case.
/// </summary>
public sealed class SweepFindingsTests
{
    [Fact]
    public void ABusyMachineMakesTheSweepVerdictInconclusiveInsteadOfAdvice()
    {
        var sweep = Sweep([(1, 2.0), (2, 1.6), (1, 2.0), (2, 1.6)], serial: [2.0, 2.0], load: new LoadDuringRun(1.3, 1.5, 2, 4.0, 4.2));

        Assert.StartsWith("inconclusive: the machine was busy (other programs kept 1.3 → 1.5 of 2 cores busy", sweep.Verdict, StringComparison.Ordinal);
        Assert.Contains("Measured: parallel, but overhead-bound", sweep.Verdict, StringComparison.Ordinal);
        Assert.Contains(
            "machine load around the runs: other programs kept 1.3 → 1.5 of 2 cores busy (load average 4.0 → 4.2) — busy: the verdict is inconclusive",
            SweepFindings.Lines(sweep));
        Assert.StartsWith("parallel, but overhead-bound", Sweep([(1, 2.0), (2, 1.6)], [2.0], new LoadDuringRun(0.1, 0.2, 2)).Verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void ASpeedupAboveTheCoresIsFlaggedAndItsNegativeGustafsonAlphaIsNoFinding()
    {
        var sweep = Sweep([(1, 2.0), (2, 0.8), (1, 2.0), (2, 0.8)], serial: [2.0, 2.0]);
        var lines = SweepFindings.Lines(sweep);

        Assert.StartsWith("2.50× on 2 core(s) is 125 % efficiency", sweep.Verdict, StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("P=2: 2.50× on 2 core(s) is 125 % efficiency", StringComparison.Ordinal));
        var gustafson = Assert.Single(lines, l => l.StartsWith("Gustafson", StringComparison.Ordinal));
        Assert.Contains("is below 0", gustafson, StringComparison.Ordinal);
        Assert.Contains("flagged, not a finding", gustafson, StringComparison.Ordinal);
        Assert.DoesNotContain("a job scaled to keep that share", gustafson, StringComparison.Ordinal);
        var fits = SweepFitsJson.Build(sweep);
        Assert.True(fits["gustafson"]!["negative"]!.GetValue<bool>());
        Assert.Null(fits["gustafson"]!["scaledSpeedupAtCores"]);
    }

    [Fact]
    public void AFitWhoseStandardErrorExceedsItsValueSaysInconclusive()
    {
        // Halving on average, but each P's runs spread threefold on a noisy machine: f is 0 give or take far more than 0.
        var sweep = Sweep([(1, 1.0), (2, 0.4), (1, 3.0), (2, 1.6)], serial: null);
        var amdahl = sweep.Analysis.Amdahl!;

        Assert.True(amdahl.SerialFraction.IsInconclusive(SweepFindings.FractionResolution), $"{amdahl.SerialFraction}");
        var line = Assert.Single(SweepFindings.Lines(sweep), l => l.StartsWith("Amdahl:", StringComparison.Ordinal));
        Assert.Contains("(inconclusive: its standard error exceeds it", line, StringComparison.Ordinal);
        Assert.EndsWith("speedup limit 1/f = unknown", line, StringComparison.Ordinal);
        Assert.True(SweepFitsJson.Build(sweep)["amdahl"]!["inconclusive"]!.GetValue<bool>());
    }

    [Fact]
    public void ALinearSweepHasAnUnboundedLimitPrintedAsInfinity()
    {
        var sweep = Sweep([(1, 2.0), (2, 1.0), (1, 2.0), (2, 1.0)], serial: null);

        var line = Assert.Single(SweepFindings.Lines(sweep), l => l.StartsWith("Amdahl:", StringComparison.Ordinal));
        Assert.EndsWith("speedup limit 1/f = ∞×", line, StringComparison.Ordinal);
        Assert.DoesNotContain("4503599627370496", line, StringComparison.Ordinal);
    }

    private static SweepResult Sweep(IReadOnlyList<(int P, double Seconds)> times, IReadOnlyList<double>? serial, LoadDuringRun? load = null)
    {
        var runs = times.Select((t, i) => new SweepRun(t.P, (i / 2) + 1, t.Seconds, Status(t.Seconds, t.P))).ToList();
        var serialRuns = serial?.Select((s, i) => new SweepRun(1, i + 1, s, Status(s, 1))).ToList();
        var parameters = new Dictionary<string, string> { ["samples"] = "4000000", ["tasks"] = "4" };
        return SweepResult.Build("montecarlo", parameters, "scatter", "embedded cluster", 2, 2, runs, serialRuns: serialRuns, load: load);
    }

    private static JobStatus Status(double wall, int p)
    {
        var stage = new StageProfile(0, "sample", "parallel", 4, wall * 0.95, wall * 0.9 * p, wall * 0.9 * p / 4, 4_000_000, 1_000_000);
        var profile = new JobProfile(
            wall, stage.WorkSeconds, stage.SpanSeconds, 4, wall - stage.SpanSeconds, 4, 1, new() { ["silo-0"] = 4 }, null, 4_000_000, 1_000_000,
            "samples", [stage], p);
        return new JobStatus($"j-{p}-{wall}", JobState.Completed, 1, 1, "samples", null, "{}", profile, null);
    }
}
