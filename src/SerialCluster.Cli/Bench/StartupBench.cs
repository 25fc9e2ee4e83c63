using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SerialCluster.Analysis.Statistics;
using SerialCluster.Cli.Cluster;
using SerialCluster.Cli.Local;
using static SerialCluster.Cli.Bench.BenchFormat;

namespace SerialCluster.Cli.Bench;

/// <summary>
/// Target 8: what a user feels first. <c>run hashchain --set steps=1000 --json</c> as a process of its own, start to
/// exit: on its own embedded cluster (no local cluster running); then against a local cluster (<c>up</c>, in a state
/// directory of this run's own), alternating through its command server and in its own process with its own client
/// (<c>SERIALCLUSTER_FORWARD=off</c>); and a fresh cluster's first job (each embedded run's) against a warm one's.
/// </summary>
public static partial class StartupBench
{
    public const double OneShotGoalSeconds = 1.5;
    public const double LocalGoalSeconds = 0.5;
    public const double FirstJobGoalRatio = 2.0;

    private static readonly string[] Command = ["run", "hashchain", "--set", "steps=1000", "--json", "--timeline"];

    public static async Task<BenchSection> RunAsync(BenchContext context)
    {
        var runs = context.Sizes.Repeats == 1 ? 1 : 5;
        context.Say($"target 8: one-shot runs as processes of their own, {runs} on an embedded cluster and {runs} against a local one");
        var state = Path.Combine(Path.GetTempPath(), $"serialcluster-bench-{Guid.NewGuid():N}");
        var environment = new Dictionary<string, string> { [LocalClusterPaths.DirectoryEnvironmentVariable] = state };
        var embedded = new List<Run>();
        var local = new List<Run>();
        var ownClient = new List<Run>();
        var ownProcess = new Dictionary<string, string>(environment) { [Forwarding.ForwardingRules.EnvironmentVariable] = "off" };
        double? upSeconds = null;
        Run? firstAfterUp = null;
        try
        {
            // One untimed run first: it measures the machine into this state directory's calibration cache, as a user's first command would.
            await RunOnceAsync([.. Command, "--embedded"], environment, context.CancellationToken);
            // The one-shot runs before `up`: with no local cluster running, as a user who runs one-shot commands has none
            // (an idle local cluster's probes and surveys keep ~0.1 of a core busy, which they would otherwise pay).
            for (var i = 0; i < runs; i++)
            {
                embedded.Add(await RunOnceAsync([.. Command, "--embedded"], environment, context.CancellationToken));
            }

            var up = await ChildProcess.RunCliAsync(["up", "--json"], environment, context.CancellationToken);
            upSeconds = up.ExitCode == 0 ? up.Seconds : throw new InvalidOperationException($"`up` failed ({up.ExitCode}): {Last(up.Stderr)}");
            firstAfterUp = await RunOnceAsync(Command, environment, context.CancellationToken);
            for (var i = 0; i < runs; i++)
            {
                local.Add(await RunOnceAsync(Command, environment, context.CancellationToken));
                ownClient.Add(await RunOnceAsync(Command, ownProcess, context.CancellationToken));
            }
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            return Missed(e.Message);
        }
        finally
        {
            await ChildProcess.RunCliAsync(["down"], environment, CancellationToken.None);
            TryDelete(state);
        }

        return Section(embedded, local, ownClient, upSeconds!.Value, firstAfterUp!);
    }

    private static BenchSection Section(List<Run> embedded, List<Run> local, List<Run> ownClient, double upSeconds, Run firstAfterUp)
    {
        var own = SampleStatistics.Median(ownClient.Select(r => r.Seconds));
        var oneShot = SampleStatistics.Median(embedded.Select(r => r.Seconds));
        var against = SampleStatistics.Median(local.Select(r => r.Seconds));
        var firstJob = SampleStatistics.Median(embedded.Select(r => r.JobSeconds));
        var warmJob = SampleStatistics.Median(local.Select(r => r.JobSeconds));
        var firstRatio = firstJob / warmJob;
        var rows = new List<BenchRow>
        {
            new("8", "one-shot `run` of a trivial job on its own embedded cluster, process start to exit", Seconds(oneShot), OneShotGoalSeconds / oneShot,
                F($"≤ {OneShotGoalSeconds} s"), F($"median of {embedded.Count} ({Range(embedded.Select(r => r.Seconds))}); `up` took {Seconds(upSeconds)}")),
            new("8", "the same against a local cluster (`serialcluster up`): run by its command server", Seconds(against), LocalGoalSeconds / against,
                F($"≤ {LocalGoalSeconds} s"), F($"median of {local.Count} ({Range(local.Select(r => r.Seconds))}), alternating with the row below; ") +
                F($"the first command after `up` (the host's code for it not yet run) {Seconds(firstAfterUp.Seconds)}")),
            new("8", "the same in a process of its own with its own Orleans client (SERIALCLUSTER_FORWARD=off)", Seconds(own), null, "reported",
                F($"median of {ownClient.Count} ({Range(ownClient.Select(r => r.Seconds))}); the command server's time ÷ this: {Ratio(against / own)}")),
            new("8", "a fresh cluster's first job ÷ a warm job: the job's own wall (profile)", F($"{Ratio(firstRatio)}×"), FirstJobGoalRatio / firstRatio,
                F($"≤ {FirstJobGoalRatio}×"), F($"first jobs {Seconds(firstJob)} (embedded runs), warm jobs {Seconds(warmJob)} (local runs), medians")),
        };
        var details = new List<string> { "| phase (embedded one-shot) | median end, ms | median took, ms |", "|---|---:|---:|" };
        details.AddRange(PhaseMedians(embedded).Select(p => F($"| {p.Phase} | {p.At:F0} | {p.Took:F0} |")));
        details.Add(string.Empty);
        details.Add("| phase (against the local cluster) | median end, ms | median took, ms |");
        details.Add("|---|---:|---:|");
        details.AddRange(PhaseMedians(local).Select(p => F($"| {p.Phase} | {p.At:F0} | {p.Took:F0} |")));
        details.Add(string.Empty);
        details.Add("| phase (against the local cluster, own process and client) | median end, ms | median took, ms |");
        details.Add("|---|---:|---:|");
        details.AddRange(PhaseMedians(ownClient).Select(p => F($"| {p.Phase} | {p.At:F0} | {p.Took:F0} |")));
        var data = new JsonObject
        {
            ["upSeconds"] = upSeconds,
            ["embeddedSeconds"] = new JsonArray([.. embedded.Select(r => (JsonNode)r.Seconds)]),
            ["localSeconds"] = new JsonArray([.. local.Select(r => (JsonNode)r.Seconds)]),
            ["ownClientSeconds"] = new JsonArray([.. ownClient.Select(r => (JsonNode)r.Seconds)]),
            ["firstAfterUpSeconds"] = firstAfterUp.Seconds,
            ["firstJobSeconds"] = new JsonArray([.. embedded.Select(r => (JsonNode)r.JobSeconds)]),
            ["warmJobSeconds"] = new JsonArray([.. local.Select(r => (JsonNode)r.JobSeconds)]),
        };
        return new BenchSection("Start-up: one-shot runs and the first job (issue 22, items 1–3)", rows, details, data);
    }

    private static BenchSection Missed(string reason) => new(
        "Start-up: one-shot runs and the first job (issue 22, items 1–3)",
        [BenchRow.Missing("8", "one-shot `run` end to end, embedded and against `up`; first job ÷ warm job", "≤ 1.5 s; ≤ 0.5 s; ≤ 2×", reason)],
        [],
        new JsonObject { ["error"] = reason });

    private static async Task<Run> RunOnceAsync(string[] arguments, Dictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var process = await ChildProcess.RunCliAsync(arguments, environment, cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"`serialcluster {string.Join(' ', arguments)}` failed ({process.ExitCode}): {Last(process.Stderr)}");
        }

        var job = JsonNode.Parse(process.Stdout)!["profile"]!["wallSeconds"]!.GetValue<double>();
        var phases = TimelineLine().Matches(process.Stderr)
            .Select(m => (Phase: m.Groups["phase"].Value.Trim(), At: Milliseconds(m.Groups["at"].Value), Took: Milliseconds(m.Groups["took"].Value)))
            .ToList();
        return new Run(process.Seconds, job, phases);
    }

    /// <summary>Each phase's median end and length over the runs that reported it, in the order of the first run.</summary>
    private static IEnumerable<(string Phase, double At, double Took)> PhaseMedians(List<Run> runs) =>
        runs.FirstOrDefault()?.Phases.Select(p => p.Phase).Select(phase =>
        {
            var seen = runs.SelectMany(r => r.Phases.Where(p => p.Phase == phase)).ToList();
            return (phase, SampleStatistics.Median(seen.Select(p => p.At)), SampleStatistics.Median(seen.Select(p => p.Took)));
        }) ?? [];

    private static string Range(IEnumerable<double> seconds)
    {
        var sorted = seconds.Order().ToList();
        return F($"{Seconds(sorted[0])}–{Seconds(sorted[^1])}");
    }

    private static double Milliseconds(string text) => double.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    private static string Last(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "no output";

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A temporary directory left behind is harmless.
        }
    }

    [GeneratedRegex(@"^\s+(?<at>\d+) ms\s+\(\+\s*(?<took>\d+)\)\s+(?<phase>.+)$", RegexOptions.Multiline)]
    private static partial Regex TimelineLine();

    private sealed record Run(double Seconds, double JobSeconds, IReadOnlyList<(string Phase, double At, double Took)> Phases);
}
