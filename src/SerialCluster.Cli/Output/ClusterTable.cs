using System.Globalization;
using SerialCluster.Cli.Cluster;
using SerialCluster.Grains.Calibration;
using SerialCluster.Workloads.Calibration;
using Spectre.Console;

namespace SerialCluster.Cli.Output;

/// <summary>The human view of a cluster: one row per silo, then the hop-latency matrix (rows from, columns to).</summary>
public static class ClusterTable
{
    public static void Write(IAnsiConsole console, ClusterSurvey survey)
    {
        var silos = new TerminalTable()
            .AddColumn("silo").AddColumn("address").AddColumn("machine").AddColumn("role")
            .AddColumn("cores", rightAligned: true).AddColumn("usable", rightAligned: true)
            .AddColumn("single-thread", rightAligned: true).AddColumn("all-core", rightAligned: true)
            .AddColumn("cpu", prose: true).AddColumn("clock", rightAligned: true)
            .AddColumn("chains", rightAligned: true).AddColumn("tasks", rightAligned: true)
            .AddColumn("busy", rightAligned: true).AddColumn("others", rightAligned: true);
        var anyOverride = false;
        DateTimeOffset? keptSince = null;
        foreach (var silo in survey.Silos)
        {
            var capacity = silo.Capacity;
            var calibration = capacity?.Calibration;
            anyOverride |= calibration?.Overridden == true;
            var mark = calibration?.Overridden == true ? "*" : calibration?.Cached == true ? "†" : string.Empty;
            if (calibration is { Cached: true } kept && (keptSince is null || kept.MeasuredAt < keptSince))
            {
                keptSince = kept.MeasuredAt;
            }
            silos.AddRow(
                Markup.Escape(silo.Name),
                Markup.Escape(silo.Address.ToParsableString()),
                Markup.Escape(silo.HostName),
                capacity is null ? "[red]no answer[/]" : capacity.Role.ToString().ToLowerInvariant(),
                calibration is null ? Text(capacity?.Cores) : Text(calibration.ProcessorCount),
                Usable(survey, silo) + mark,
                calibration is null ? "[grey]calibrating…[/]" : Rate(calibration.SingleThreadScore) + mark,
                calibration is { AllCoreScore: > 0 } ? Rate(calibration.AllCoreScore) : "-",
                Markup.Escape(calibration?.CpuModel ?? "-"),
                calibration is { ClockMHz: > 0 } ? Number(calibration.ClockMHz, "F0") + " MHz" : "-",
                Text(capacity?.RunningChains),
                Text(capacity?.RunningTasks),
                MachineLoad.Latest(capacity?.Load) is { } load ? $"{Number(load.MachineBusyCores, "F1")} / {Number(load.ProcessBusyCores, "F1")}" : "-",
                capacity?.Load is null ? "-" : Number(survey.ForeignBusyCores(silo), "F1"));
        }

        silos.Write(console);
        console.MarkupLine(Markup.Escape(Total(survey)));
        console.MarkupLine(Markup.Escape(
            $"scores in {CalibrationKernel.Unit} (M = million): single-thread is one core alone, all-core every core at once; usable = min(cores, CPU " +
            $"quota), \"shared by N silos\" where silos on one host may run on the same CPUs (containers of one host included) and share them; " +
            $"busy = cores busy on its CPUs / used by its process in the last 0.25 s; others = cores other programs kept busy on its host " +
            $"throughout the last 5 s (what the cost model discounts)."
            + (anyOverride ? " * configured by the operator, not measured." : string.Empty)
            + (keptSince is { } since
                ? $" † measured on this machine at {since.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC and kept "
                    + "(calibration cache), not measured at this start."
                : string.Empty)));

        var names = survey.Silos.Select(s => s.Name).ToList();
        var matrix = new TerminalTable().AddColumn("from \\ to");
        foreach (var name in names)
        {
            matrix.AddColumn(name, rightAligned: true);
        }

        foreach (var from in survey.Silos)
        {
            var cells = new List<string> { Markup.Escape(from.Name) };
            foreach (var to in names)
            {
                var hop = from.Capacity?.Hops.FirstOrDefault(h => h.Peer == to);
                cells.Add(hop is null ? "-" : $"{Number(hop.P50Microseconds, "F0")} / {Number(hop.P99Microseconds, "F0")}");
            }

            matrix.AddRow([.. cells]);
        }

        console.MarkupLine("[bold]hop latency[/], µs: p50 / p99 of recent grain-call round trips (rows: from, columns: to; the diagonal is a local call)");
        matrix.Write(console);
    }

    /// <summary>"2 cores on 1 host": the cluster's cores, CPUs that several silos share counted once.</summary>
    public static string Total(ClusterSurvey survey)
    {
        var hosts = survey.Hosts.Count;
        var shared = survey.Silos.Any(s => survey.SharedBy(s) > 1) ? " (CPUs that several silos share counted once)" : string.Empty;
        var slow = survey.Cores > 0 && survey.Unit is { IsSilo: true } unit
            ? string.Create(CultureInfo.InvariantCulture, $"; {unit.Count} slow silos of {unit.CoresEach:0.###} core under CPU quotas: a sweep's P counts them")
            : string.Empty;
        return $"cluster: {Cores(survey.Cores)} on {hosts} host{(hosts == 1 ? string.Empty : "s")}{shared}{slow}";
    }

    /// <summary>The silo's usable cores, and how many silos share them: "1 (shared by 3 silos)"; "-" until calibrated.</summary>
    public static string Usable(ClusterSurvey survey, SurveyedSilo silo)
    {
        if (silo.Capacity?.Calibration is not { } calibration)
        {
            return "-";
        }

        var sharedBy = survey.SharedBy(silo);
        return Number(calibration.UsableCores, "0.##") + (sharedBy > 1 ? $" (shared by {sharedBy} silos)" : string.Empty);
    }

    private static string Cores(int cores) => cores == 1 ? "1 core" : $"{cores} cores";

    private static string Rate(double stepsPerSecond) => Number(stepsPerSecond / 1e6, "F2") + " M/s";

    private static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Text(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "-";
}
