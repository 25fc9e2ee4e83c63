using SerialCluster.Abstractions.Jobs;
using SerialCluster.Analysis.Caveats;
using SerialCluster.Cli.Reports;
using SerialCluster.CostModel.Cores;
using Spectre.Console;

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

    [Fact]
    public void OnEightSlowSilosPUpToEightIsRealAndTheUnitIsStated()
    {
        // SILOS=8 CPU_QUOTA=0.25: P counts silos of a quarter core; P = 4 and 8 are measurements, not saturation.
        var unit = new ProcessorUnit(8, 0.25);
        var sweep = Sweep([(1, 8.0), (4, 2.4), (8, 1.6), (1, 8.0), (4, 2.4), (8, 1.6)], serial: [8.0, 8.0], unit: unit);

        Assert.Equal(8, sweep.Cores);
        Assert.Equal("silos", sweep.Noun);
        Assert.False(sweep.Analysis.AnySaturated);
        Assert.Null(sweep.SaturationNote);
        Assert.Equal(5.0, sweep.Analysis.BestAbsoluteSpeedup, 9);
        Assert.Contains("on 8 silos", sweep.Verdict, StringComparison.Ordinal);
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 400;
        SweepTerminal.Write(console, sweep);
        var text = writer.ToString();
        Assert.Contains("(8 silos)", text, StringComparison.Ordinal);
        Assert.Contains("P counts slow silos: 1 = one silo of 0.25 core (8 such silos, 2 cores together)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("saturation, not parallel speedup", text, StringComparison.Ordinal);
        // The same runs counted in the machine's 2 cores: above 2 is saturation, and the fit sees only P ≤ 2.
        var onCores = Sweep([(1, 8.0), (4, 2.4), (8, 1.6), (1, 8.0), (4, 2.4), (8, 1.6)], serial: [8.0, 8.0]);
        Assert.Contains("exceed the 2 cores available", onCores.SaturationNote, StringComparison.Ordinal);
    }

    private static SweepResult Sweep(
        IReadOnlyList<(int P, double Seconds)> times, IReadOnlyList<double>? serial, LoadDuringRun? load = null,
        ProcessorUnit? unit = null)
    {
        var runs = times.Select((t, i) => new SweepRun(t.P, (i / 2) + 1, t.Seconds, Status(t.Seconds, t.P))).ToList();
        var serialRuns = serial?.Select((s, i) => new SweepRun(1, i + 1, s, Status(s, 1))).ToList();
        var parameters = new Dictionary<string, string> { ["samples"] = "4000000", ["tasks"] = "4" };
        return SweepResult.Build(
            "montecarlo", parameters, "scatter", "embedded cluster", unit?.Count ?? 2, 2, runs, serialRuns: serialRuns, load: load, unit: unit);
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
