using SerialCluster.Analysis.Caveats;
using SerialCluster.Cli.Output;
using Spectre.Console;

namespace SerialCluster.Cli.Cluster;

/// <summary>
/// Reads other programs' load before and after a measured command and warns on stderr when the machine is busy, so
/// that the times measured between are read as the machine's, not the program's (<see cref="LoadDuringRun"/>).
/// </summary>
public sealed class LoadWatch
{
    private readonly IClusterClient _client;
    private readonly ConsoleStreams _console;

    private LoadWatch(IClusterClient client, ConsoleStreams console, LoadSample before) => (_client, _console, Before) = (client, console, before);

    public LoadSample Before { get; }

    public static async Task<LoadWatch> StartAsync(IClusterClient client, ConsoleStreams console, CancellationToken cancellationToken)
    {
        var before = await LoadSample.ReadAsync(client, cancellationToken);
        if (before.IsBusy)
        {
            Warn(console, $"the machine is busy before measuring: {before.Describe()}; verdicts will say \"inconclusive\" rather than judge the program");
        }

        return new LoadWatch(client, console, before);
    }

    /// <summary>The load before and now; warns when it was busy.</summary>
    public async Task<LoadDuringRun> StopAsync(CancellationToken cancellationToken)
    {
        var load = Between(await LoadSample.ReadAsync(_client, cancellationToken));
        if (load.IsBusy)
        {
            Warn(_console, $"the machine was busy while measuring: {load.Describe()}; the verdicts say \"inconclusive\"");
        }

        return load;
    }

    private LoadDuringRun Between(LoadSample after) =>
        new(Before.ForeignCores, after.ForeignCores, Math.Max(Before.Cores, after.Cores), Before.LoadAverage, after.LoadAverage);

    private static void Warn(ConsoleStreams console, string text) => console.Error.MarkupLineInterpolated($"[yellow]warning: {text}[/]");
}
