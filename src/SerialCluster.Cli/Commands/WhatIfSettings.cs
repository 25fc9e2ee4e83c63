using System.ComponentModel;
using System.Globalization;
using SerialCluster.Cli.Reports;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SerialCluster.Cli.Commands;

/// <summary>Options of <c>serialcluster whatif</c>.</summary>
public sealed class WhatIfSettings : ClusterSettings
{
    public const int MaxCores = 1_000_000;
    public const double MaxSpeed = 1000;

    [CommandArgument(0, "[jobId]")]
    [Description("A job stored by the cluster given with --gateway or --redis.")]
    public string? JobId { get; init; }

    [CommandOption("--from <FILE>")]
    [Description("Read the measured job from a saved `run --json` or `sweep --json` document (a sweep's P = 1 job, checked against its other points).")]
    public string? From { get; init; }

    [CommandOption("--cores <N>")]
    [Description("Cores of the hypothetical machine; repeat or comma-separate for several (default: the measured cores and twice that).")]
    public string[] Cores { get; init; } = [];

    [CommandOption("--speed <X>")]
    [Description("How many times faster each core is; repeat or comma-separate (default: 1 and 2).")]
    public string[] Speed { get; init; } = [];

    [CommandOption("--core-speeds <SPEEDS>")]
    [Description("One more scenario, a machine whose cores differ: each core's speed factor, comma-separated "
        + "(e.g. 1,0.5: a core as fast as the measured ones and one half as fast). "
        + "Tasks go to the core that frees first, chains to the fastest.")]
    public string? CoreSpeeds { get; init; }

    public IReadOnlyList<int> ParsedCores => [.. Split(Cores).Select(c => int.Parse(c, NumberStyles.None, CultureInfo.InvariantCulture)).Distinct().Order()];

    public IReadOnlyList<double> ParsedSpeed =>
        [.. Split(Speed).Select(s => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture)).Distinct().Order()];

    /// <summary>The --core-speeds list, or null when it is not given.</summary>
    public IReadOnlyList<double>? ParsedCoreSpeeds => CoreSpeeds is null
        ? null
        : [.. Split([CoreSpeeds]).Select(s => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture))];

    public override ValidationResult Validate()
    {
        if ((JobId is null) == (From is null))
        {
            return ValidationResult.Error(
                "whatif needs one source: a job id (of a running cluster) or --from FILE (a saved `run --json` or `sweep --json`)");
        }

        foreach (var value in Split(Cores))
        {
            if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var cores) || cores is < 1 or > MaxCores)
            {
                return ValidationResult.Error($"--cores '{value}' is not a core count; allowed: integers 1 to {MaxCores}");
            }
        }

        foreach (var value in Split(Speed))
        {
            if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var speed)
                || !double.IsFinite(speed) || speed <= 0 || speed > MaxSpeed)
            {
                return ValidationResult.Error(
                    $"--speed '{value}' is not a speed factor; allowed: a number above 0 and at most {MaxSpeed} (1 = the measured cores)");
            }
        }

        if (CoreSpeeds is not null && ValidateCoreSpeeds(CoreSpeeds) is { } error)
        {
            return ValidationResult.Error(error);
        }

        return base.Validate();
    }

    /// <summary>The one-line error for a bad --core-speeds value, or null when it is a valid list.</summary>
    public static string? ValidateCoreSpeeds(string value)
    {
        var speeds = Split([value]).ToList();
        if (speeds.Count == 0)
        {
            return $"--core-speeds '{value}' lists no core; "
                + $"allowed: 1 to {MaxCores} comma-separated speed factors, each above 0 and at most {MaxSpeed} (e.g. 1,0.5)";
        }

        if (speeds.Count > MaxCores)
        {
            return $"--core-speeds lists {speeds.Count} cores; allowed: at most {MaxCores}";
        }

        foreach (var speed in speeds)
        {
            if (!double.TryParse(speed, NumberStyles.Float, CultureInfo.InvariantCulture, out var factor)
                || !double.IsFinite(factor) || factor <= 0 || factor > MaxSpeed)
            {
                return $"--core-speeds '{value}' has '{speed}', not a speed factor; allowed: each a number above 0 and at most {MaxSpeed}";
            }
        }

        return null;
    }

    private static IEnumerable<string> Split(IEnumerable<string> values) =>
        values.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
}
