using System.ComponentModel;
using SerialCluster.Cli.Contrast;
using SerialCluster.Cli.Reports;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SerialCluster.Cli.Commands;

/// <summary>Options of <c>serialcluster contrast</c>.</summary>
public sealed class ContrastSettings : ClusterSettings
{
    [CommandOption("--seconds <S>")]
    [Description("Target single-core time of each pair's first side (and of sides sized alone), in seconds (0.05-120).")]
    [DefaultValue(1.5)]
    public double Seconds { get; init; } = 1.5;

    [CommandOption("--pairs <IDS>")]
    [Description("Comma-separated pairs to run (default all): eca, s5, hash-mc, timelock, mdp, cvp, rollout, arith, refine, sudoku.")]
    public string? Pairs { get; init; }

    [CommandOption("-p|--parallelism <LIST>")]
    [Description("Comma-separated P for the scattered runs, including 1; default 1 up to the cluster's cores.")]
    public string? Parallelism { get; init; }

    [CommandOption("-r|--repeat <K>")]
    [Description("Rounds per side (pinned and every P each round); medians are reported (1-20).")]
    [DefaultValue(1)]
    public int Repeat { get; init; } = 1;

    [CommandOption("--span <ON|OFF>")]
    [Description("on: also run the span series (sides at 1/64 and 1/8 of their size) and fit span against size; off: skip.")]
    [DefaultValue("on")]
    public string Span { get; init; } = "on";

    [CommandOption("--markdown <FILE>")]
    [Description("Also write the table and findings as markdown.")]
    public string? Markdown { get; init; }

    [CommandOption("--html <FILE>")]
    [Description("Also write an HTML report with a chart per pair and the span chart.")]
    public string? Html { get; init; }

    public bool SpanOn => Span.Equals("on", StringComparison.OrdinalIgnoreCase);

    /// <summary>The pairs chosen, in the catalog's order; valid only after <see cref="Validate"/>.</summary>
    public IReadOnlyList<ContrastPair> ChosenPairs(int cores)
    {
        var all = ContrastCatalog.Pairs(cores);
        if (string.IsNullOrWhiteSpace(Pairs))
        {
            return all;
        }

        var ids = Pairs.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return [.. all.Where(p => ids.Contains(p.Id))];
    }

    /// <summary>The P list given, or null for 1 … cores.</summary>
    public IReadOnlyList<int>? ParsedParallelism => Parallelism is null
        ? null
        : [.. Parallelism.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).Distinct().Order()];

    public override ValidationResult Validate()
    {
        if (!(Seconds is >= 0.05 and <= 120))
        {
            return ValidationResult.Error($"--seconds {Seconds} is out of range; allowed: 0.05 to 120");
        }

        if (Repeat is < 1 or > 20)
        {
            return ValidationResult.Error($"--repeat {Repeat} is out of range; allowed: 1 to 20");
        }

        if (Span.ToLowerInvariant() is not ("on" or "off"))
        {
            return ValidationResult.Error($"--span '{Span}' is not a choice; allowed: on, off");
        }

        if (Pairs is not null)
        {
            var known = ContrastCatalog.Pairs(1).Select(p => p.Id).ToList();
            var ids = Pairs.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var unknown = ids.FirstOrDefault(id => !known.Contains(id, StringComparer.OrdinalIgnoreCase));
            if (ids.Length == 0 || unknown is not null)
            {
                return ValidationResult.Error($"--pairs '{Pairs}': '{unknown ?? Pairs}' is not a pair; allowed: {string.Join(", ", known)}, comma-separated");
            }
        }

        if (Parallelism is not null)
        {
            var parts = Parallelism.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var culture = System.Globalization.CultureInfo.InvariantCulture;
            if (parts.Length == 0
                || parts.Any(p => !int.TryParse(p, System.Globalization.NumberStyles.None, culture, out var v)
                    || v is < 1 or > RunSettings.MaxParallelism))
            {
                return ValidationResult.Error(
                    $"--parallelism '{Parallelism}' is not a list of parallelisms; "
                    + $"allowed: integers 1 to {RunSettings.MaxParallelism}, comma-separated, e.g. 1,2");
            }

            if (!parts.Contains("1"))
            {
                return ValidationResult.Error($"--parallelism '{Parallelism}' must include 1: the relative speedup is against P = 1");
            }
        }

        OutputPath.Require(Markdown, "--markdown");
        OutputPath.Require(Html, "--html");

        return base.Validate();
    }
}
