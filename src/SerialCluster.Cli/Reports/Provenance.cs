using System.Globalization;
using SerialCluster.Analysis.Caveats;
using SerialCluster.Cli.Bench;
using SerialCluster.Cli.Output;

namespace SerialCluster.Cli.Reports;

/// <summary>
/// Where a report's numbers came from, at the top of every HTML page: the command, when it ran (UTC), the CPU and its
/// cores, other programs' load before and after the measurement, and the version and commit that measured it. A page
/// read later, elsewhere, must say whether its times were taken on a quiet machine.
/// </summary>
public sealed record Provenance(string CommandLine, DateTime StartedUtc, string Cpu, int Cores, LoadDuringRun? Load, string LoadSource, string Version)
{
    /// <param name="loadSource">What the load figures are ("measured around this command's runs", "recorded with the run").</param>
    public static Provenance Of(Invocation invocation, int cores, LoadDuringRun? load, string loadSource = "measured around this command's runs") =>
        new(invocation.CommandLine, invocation.StartedUtc, MachineInfo.CpuModel(), cores, load, loadSource, Invocation.Version);

    public IReadOnlyList<(string Name, string Value)> Rows() =>
    [
        ("command", CommandLine),
        ("started (UTC)", StartedUtc.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
        ("CPU and cores", $"{Cpu}; {Cores.ToString(CultureInfo.InvariantCulture)} cores"),
        ("load before → after",
            Load is null ? "not recorded" : $"{Load.Describe()} ({LoadSource}){(Load.IsBusy ? ": busy, so the verdicts are inconclusive" : string.Empty)}"),
        ("version", Version),
    ];
}
