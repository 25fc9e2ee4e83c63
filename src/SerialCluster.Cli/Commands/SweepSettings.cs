using System.ComponentModel;
using System.Globalization;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Cli.Reports;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SerialCluster.Cli.Commands;

/// <summary>Options of <c>serialcluster sweep</c>.</summary>
public sealed class SweepSettings : ClusterSettings
{
    public const int MaxRepeat = 100;

    [CommandArgument(0, "<workload>")]
    [Description("The workload to sweep (see `serialcluster workloads`).")]
    public string Workload { get; init; } = string.Empty;

    [CommandOption("-s|--set <NAME=VALUE>")]
    [Description("A workload parameter; repeat for several. NAME=@path sends the content of a file.")]
    public string[] Set { get; init; } = [];

    [CommandOption("-p|--parallelism <LIST>")]
    [Description("Comma-separated parallelisms to run, including 1 (speedup is measured against it), e.g. 1,2,4,8.")]
    [DefaultValue("1,2")]
    public string Parallelism { get; init; } = "1,2";

    [CommandOption("-r|--repeat <K>")]
    [Description("Runs per parallelism; the analysis uses medians and reports the spread (1-100).")]
    [DefaultValue(3)]
    public int Repeat { get; init; } = 3;

    [CommandOption("--warmup <K>")]
    [Description(
        "Unmeasured rounds over every P before the measured ones (JIT, first activations, caches), 0-10; with 1 or more, each silo first coordinates " +
        "the job once at the highest P.")]
    [DefaultValue(1)]
    public int Warmup { get; init; } = 1;

    [CommandOption("-m|--mode <MODE>")]
    [Description("scatter (tasks over every silo, P in flight), auto, or pinned (the whole job on one core whatever P is: the serial baseline itself).")]
    [DefaultValue("scatter")]
    public string Mode { get; init; } = "scatter";

    [CommandOption("--baseline <PINNED|NONE>")]
    [Description("pinned: beside every round also run the job pinned (the best single-core execution: whole chain, one core, "
        + "no barriers) and report absolute speedup T_serial/T(P), with the relative T(1)/T(P) beside it; "
        + "none: only relative speedup against this mode at P = 1.")]
    [DefaultValue("pinned")]
    public string Baseline { get; init; } = "pinned";

    [CommandOption("--capacity-control <ON|OFF>")]
    [Description("on: beside each run at every P within the cores, also run a control of 4·P equal independent SHA-256 tasks "
        + "at parallelism P, measuring what P busy cores deliver right now, and fit Amdahl against that capacity too "
        + "(fits.amdahlOnMeasuredCores); off: only the job's runs.")]
    [DefaultValue("on")]
    public string CapacityControl { get; init; } = "on";

    [CommandOption("--size <NAME=V1,V2,...>")]
    [Description("Span against input size instead of P: run the job at each value of a parameter (repeat for parameters "
        + "that grow together, e.g. --size length=1e5,1e6 --size tasks=1e2,1e3; equal counts, zipped) at the largest "
        + "--parallelism, and fit the slope of ln(span) against ln(size), in the plan's units and in measured seconds.")]
    public string[] Size { get; init; } = [];

    [CommandOption("--csv <FILE>")]
    [Description("Also write the per-P table as CSV (header p,seconds,speedup,efficiency,karpFlatt,...).")]
    public string? Csv { get; init; }

    [CommandOption("--html <FILE>")]
    [Description("Also write an HTML report with the charts embedded as PNG images.")]
    public string? Html { get; init; }

    [CommandOption("--wide")]
    [Description("Show every column on the terminal (bounds and fits beside the measured columns); JSON, CSV and HTML always hold them all.")]
    public bool Wide { get; init; }

    public bool CapacityControlOn => CapacityControl.Equals("on", StringComparison.OrdinalIgnoreCase);

    public bool BaselineOn => Baseline.Equals("pinned", StringComparison.OrdinalIgnoreCase);

    public JobMode ParsedMode => Mode.ToLowerInvariant() switch
    {
        "auto" => JobMode.Auto,
        "pinned" => JobMode.Pinned,
        _ => JobMode.Scatter,
    };

    /// <summary>The parallelisms, sorted and distinct; valid only after <see cref="Validate"/>.</summary>
    public IReadOnlyList<int> ParsedParallelism => ParseList(Parallelism, out _) ?? [];

    /// <summary>For <c>--size</c>: the one P the size sweep runs at, the largest listed.</summary>
    public int SizeParallelism => ParseValues(Parallelism, out _)?.Max ?? 1;

    /// <summary>For <c>--size</c>: each parameter's values, in the order given; valid only after <see cref="Validate"/>.</summary>
    public IReadOnlyList<(string Name, IReadOnlyList<string> Values)> ParsedSizes => ParseSizes(Size, out _) ?? [];

    private static List<(string Name, IReadOnlyList<string> Values)>? ParseSizes(string[] options, out string? error)
    {
        var sizes = new List<(string Name, IReadOnlyList<string> Values)>();
        foreach (var option in options)
        {
            var equals = option.IndexOf('=', StringComparison.Ordinal);
            var values = equals <= 0 ? [] : option[(equals + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (equals <= 0 || values.Length < 2)
            {
                error = $"--size '{option}' is not NAME=V1,V2,...; give two or more values, e.g. --size steps=1e3,1e4,1e5";
                return null;
            }

            var name = option[..equals].Trim();
            if (sizes.Any(s => s.Name == name))
            {
                error = $"--size {name} is given twice; give each parameter once";
                return null;
            }

            if (sizes.Count > 0 && sizes[0].Values.Count != values.Length)
            {
                error = $"--size {name} has {values.Length} values but --size {sizes[0].Name} has {sizes[0].Values.Count}; "
                    + "parameters that grow together need equal counts";
                return null;
            }

            sizes.Add((name, values));
        }

        error = null;
        return sizes;
    }

    public override ValidationResult Validate()
    {
        if (Mode.ToLowerInvariant() is not ("scatter" or "auto" or "pinned"))
        {
            return ValidationResult.Error($"--mode '{Mode}' is not a mode; allowed: scatter, auto, pinned");
        }

        if (Baseline.ToLowerInvariant() is not ("pinned" or "none"))
        {
            return ValidationResult.Error($"--baseline '{Baseline}' is not a choice; allowed: pinned, none");
        }

        if (CapacityControl.ToLowerInvariant() is not ("on" or "off"))
        {
            return ValidationResult.Error($"--capacity-control '{CapacityControl}' is not a choice; allowed: on, off");
        }

        if (Size.Length > 0)
        {
            if (ParseSizes(Size, out var sizeError) is null)
            {
                return ValidationResult.Error(sizeError!);
            }
        }
        else if (ParseList(Parallelism, out var error) is null)
        {
            return ValidationResult.Error(error!);
        }

        if (Repeat is < 1 or > MaxRepeat)
        {
            return ValidationResult.Error($"--repeat {Repeat} is out of range; allowed: 1 to {MaxRepeat}");
        }

        if (Warmup is < 0 or > 10)
        {
            return ValidationResult.Error($"--warmup {Warmup} is out of range; allowed: 0 to 10");
        }

        OutputPath.Require(Csv, "--csv");
        OutputPath.Require(Html, "--html");

        return base.Validate();
    }

    private static List<int>? ParseList(string text, out string? error)
    {
        if (ParseValues(text, out error) is not { } values)
        {
            return null;
        }

        if (!values.Contains(1))
        {
            error = $"--parallelism '{text}' must include 1: speedup is measured against the run at P = 1";
            return null;
        }

        if (values.Count < 2)
        {
            error = $"--parallelism '{text}' needs a second value besides 1, e.g. 1,2";
            return null;
        }

        error = null;
        return [.. values];
    }

    private static SortedSet<int>? ParseValues(string text, out string? error)
    {
        var values = new SortedSet<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p is < 1 or > RunSettings.MaxParallelism)
            {
                error = $"--parallelism '{text}': '{part}' is not a parallelism; "
                    + $"allowed: integers 1 to {RunSettings.MaxParallelism}, comma-separated, e.g. 1,2,4";
                return null;
            }

            values.Add(p);
        }

        if (values.Count == 0)
        {
            error = $"--parallelism '{text}' lists no parallelism; e.g. 1,2";
            return null;
        }

        error = null;
        return values;
    }
}
