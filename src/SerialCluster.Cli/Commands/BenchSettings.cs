using System.ComponentModel;
using SerialCluster.Cli.Reports;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SerialCluster.Cli.Commands;

/// <summary>Options of <c>serialcluster bench</c>.</summary>
public sealed class BenchSettings : CommandSettings
{
    public static readonly int[] AllTargets = [1, 2, 3, 4, 5, 6, 7, 8];

    [CommandOption("--quick")]
    [Description("Tiny sizes: checks that every measurement runs and the table is complete (seconds, not numbers to quote).")]
    public bool Quick { get; init; }

    [CommandOption("--targets <LIST>")]
    [Description("Comma-separated targets to measure (1-8; 2 needs 1's bare loops, so 2 runs 1; 7, Dask beside us, needs 3, so 7 runs 3; "
        + "8: start-up, one-shot runs and the first job).")]
    [DefaultValue("1,2,3,4,5,6,7,8")]
    public string Targets { get; init; } = "1,2,3,4,5,6,7,8";

    [CommandOption("--baselines <FILE>")]
    [Description("The C baselines' output (lines 'baseline=NAME … units_per_s=X'), as benchmarks/run.sh writes it; without it target 2 has no C figure.")]
    public string? Baselines { get; init; }

    [CommandOption("--report <FILE>")]
    [Description("Also write the Markdown report (machine, load, the targets table, the details) to this file.")]
    public string? Report { get; init; }

    [CommandOption("--silos <N>")]
    [Description("Silos in the embedded cluster (2-16; cross-silo hops need two).")]
    [DefaultValue(2)]
    public int Silos { get; init; } = 2;

    [CommandOption("--json")]
    [Description("Print exactly one JSON document on stdout; human text goes to stderr.")]
    public bool Json { get; init; }

    [CommandOption("-v|--verbose")]
    [Description("Show cluster logs and stack traces.")]
    public bool Verbose { get; init; }

    /// <summary>The targets to run, in order; 2 brings 1 with it, 7 brings 3.</summary>
    public IReadOnlySet<int> SelectedTargets
    {
        get
        {
            var set = Targets.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(t => int.TryParse(t, out var n) ? n : -1).ToHashSet();
            if (set.Contains(2))
            {
                set.Add(1);
            }

            if (set.Contains(7))
            {
                set.Add(3);
            }

            return set;
        }
    }

    public override ValidationResult Validate()
    {
        if (Silos is < 2 or > ClusterSettings.MaxEmbeddedSilos)
        {
            return ValidationResult.Error($"--silos {Silos} is out of range; allowed: 2 to {ClusterSettings.MaxEmbeddedSilos}");
        }

        OutputPath.Require(Report, "--report");

        var bad = Targets.Split(',', StringSplitOptions.TrimEntries)
            .FirstOrDefault(t => !int.TryParse(t, out var n) || !AllTargets.Contains(n));
        if (bad is not null)
        {
            return ValidationResult.Error($"--targets '{Targets}' has '{bad}'; allowed: a comma-separated list of 1 to 8");
        }

        if (Baselines is not null && !File.Exists(Baselines))
        {
            return ValidationResult.Error(
                $"--baselines '{Baselines}' does not exist; "
                + "give the file benchmarks/run.sh writes (BenchmarkDotNet.Artifacts/baselines/baselines.txt)");
        }

        return ValidationResult.Success();
    }
}
