using System.Globalization;
using System.Text.Json.Nodes;

namespace SerialCluster.Cli.Tests.Commands;

/// <summary>
/// The fit against real jobs: the amdahl workload with a known serial fraction, swept at P = 1, 2 on the embedded
/// cluster (5 runs each, medians) with the capacity control beside each run, gives back that fraction when Amdahl is
/// fitted against the capacity C(2) the two busy cores measurably delivered, round by round (fits.amdahlPaired: each
/// round's T(2)/T(1) against that round's own C(2); the figure the gauges publish — on exact data whose capacity drifts
/// between rounds it recovers f where the median-based fits.amdahlOnMeasuredCores does not, and C(2) here moves by up to
/// 0.7 between the rounds of one sweep; the median-based fit is printed beside it); and whatif,
/// calibrated on the P = 1 job alone and run on that capacity, predicts the measured P = 1 and P = 2 medians within the
/// tolerance the sweep's own spread sets. The plain fit (ideal cores) is printed beside it: on this project's 2-vCPU VM
/// the P = 2 speedup of SHA-256 work moves between 1.5× and 1.9× from minute to minute, which the plain fit reads as
/// serial work (docs/ANALYSIS.md, "Amdahl on measured cores"). Where two cores cannot run two tasks at once at all (C(2)
/// below <see cref="MinCapacity"/>: a machine loaded far beyond its cores) no serial fraction can be told from the
/// noise, and the test skips, saying so, instead of measuring the neighbours.
/// </summary>
[Collection(MeasurementCollection.Name)]
[Trait("Category", "Cluster")]
public sealed class AmdahlSweepTests : IDisposable
{
    /// <summary>
    /// Below this C(2) the P = 2 time moves by less than 1 − 1/C = 23% of T(1) between f = 0 and f = 1,
    /// so a few per cent of noise is already ±0.1 in f.
    /// </summary>
    private const double MinCapacity = 1.3;

    private readonly string _folder = Directory.CreateTempSubdirectory("amdahl-sweep-").FullName;

    [SkippableTheory]
    [InlineData(0.0)]
    [InlineData(0.25)]
    [InlineData(0.5)]
    public async Task FittedSerialFractionOnMeasuredCoresMatchesTheWorkloadsAndWhatIfReproducesTheMeasuredPoints(double f)
    {
        // Opt-in until the fit on measured cores passes on this project's VM, quiet, 5 of 5 per f: measured 2026-11-29
        // quiet with 0.3 s jobs it did 5/5 for f = 0 but 3/5 for 0.25 and 2/5 for 0.5; with the 1.2 s jobs below (a
        // chain job's fixed 20–40 ms outside its kernels then weighs a quarter as much) 7 of 9 over f = 0, 0.25, 0.5
        // (docs/ANALYSIS.md, "Amdahl on measured cores").
        Skip.IfNot(Environment.GetEnvironmentVariable("SERIALCLUSTER_MEASURE") == "1",
            "an opt-in measurement (SERIALCLUSTER_MEASURE=1): it needs a machine quiet enough that two cores can run two tasks at once (issue 5)");
        Skip.If(Environment.ProcessorCount < 2, "needs 2 cores to measure P = 2");
        var load = LoadAverage();
        Skip.If(
            load > 2 * Environment.ProcessorCount,
            $"the machine is overloaded (1-minute load average {load:F1} on {Environment.ProcessorCount} cores): its capacity moves faster than a control " +
            $"beside each run can follow (measured at load 9–20 on 2 cores: C(2) from 0.61 to 2.40 within one sweep, fitted f anywhere in [0, 1])");
        var (code, stdout, stderr) = await CliHarness.RunAsync(
            "sweep", "amdahl", "--set", $"serialFraction={f.ToString(CultureInfo.InvariantCulture)}", "--set", "work=16000000", "--set", "tasks=8",
            "--parallelism", "1,2", "--repeat", "5", "--warmup", "1", "--json");
        Assert.True(code == 0, stderr);
        var document = JsonNode.Parse(stdout)!;
        var points = document["points"]!.ToJsonString();
        var capacity = document["points"]![1]!["capacity"]!.GetValue<double>();
        Skip.If(
            capacity < MinCapacity,
            $"two busy cores delivered C(2) = {capacity:F2} of one (1-minute load average {LoadAverage():F1} on {Environment.ProcessorCount} cores): too " +
            $"little parallel capacity to tell serial work from noise; points: {points}");

        var plain = document["fits"]!["amdahl"]!["serialFraction"]!.GetValue<double>();
        var onMedian = document["fits"]!["amdahlOnMeasuredCores"]!["serialFraction"]!.GetValue<double>();
        var fitted = document["fits"]!["amdahlPaired"]!["serialFraction"]!.GetValue<double>();
        Assert.True(
            Math.Abs(fitted - f) <= 0.07,
            $"fitted f on measured cores, round by round = {fitted:F3} for f = {f} (C(2) = {capacity:F3}; on the median C(2): {onMedian:F3}; the plain fit " +
            $"on ideal cores: {plain:F3}); points: {points}; control: {document["capacityControl"]!.ToJsonString()}");

        var saved = Path.Combine(_folder, "sweep.json");
        await File.WriteAllTextAsync(saved, stdout);
        var whatIf = await CliHarness.RunAsync("whatif", "--from", saved, "--json");
        Assert.True(whatIf.Code == 0, whatIf.Stderr);
        var checks = JsonNode.Parse(whatIf.Stdout)!["checks"]!.AsArray();
        Assert.Equal([1, 2], checks.Select(c => c!["p"]!.GetValue<int>()).ToArray());
        Assert.All(checks, c => Assert.True(
            c!["within"]!.GetValue<bool>(),
            $"P={c["p"]}: predicted {c["predictedSeconds"]} s, measured {c["measuredSeconds"]} s, tolerance {c["tolerance"]} (C(2) = {capacity:F3}; f on " +
            $"measured cores {fitted:F3} round by round, {onMedian:F3} on the median, plain {plain:F3})"));
    }

    /// <summary>The 1-minute load average from /proc/loadavg; 0 where there is none (not Linux).</summary>
    private static double LoadAverage()
    {
        try
        {
            return double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return 0;
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
