namespace SerialCluster.Benchmarks.Configuration;

/// <summary>
/// This program's own options; everything else goes to BenchmarkDotNet unchanged (<c>--filter</c>, <c>--list</c>, …).
/// </summary>
public sealed class BenchmarkOptions
{
    private BenchmarkOptions(bool quick, string? baselinesPath, string? reportPath, string[] benchmarkDotNetArgs)
    {
        Quick = quick;
        BaselinesPath = baselinesPath;
        ReportPath = reportPath;
        BenchmarkDotNetArgs = benchmarkDotNetArgs;
    }

    /// <summary>Fewer, shorter iterations: a smoke run, not a measurement to quote.</summary>
    public bool Quick { get; }

    /// <summary>A file of <c>baseline=…</c> lines printed by the C baselines, or null.</summary>
    public string? BaselinesPath { get; }

    /// <summary>Where to write the Markdown kernel table, or null to print it on stdout.</summary>
    public string? ReportPath { get; }

    public string[] BenchmarkDotNetArgs { get; }

    /// <summary>Reads <c>--quick</c>, <c>--baselines FILE</c> and <c>--report FILE</c>; with no <c>--filter</c>, every benchmark runs.</summary>
    public static BenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        var quick = false;
        string? baselines = null;
        string? report = null;
        var rest = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    quick = true;
                    break;
                case "--baselines":
                    baselines = ValueOf(args, ref i);
                    if (!File.Exists(baselines))
                    {
                        throw new ArgumentException($"--baselines {baselines}: no such file (it holds the C baselines' output lines).");
                    }

                    break;
                case "--report":
                    report = ValueOf(args, ref i);
                    break;
                default:
                    rest.Add(args[i]);
                    break;
            }
        }

        // Without a filter BenchmarkDotNet asks interactively which benchmark to run; a script wants all of them.
        var hasFilter = rest.Any(a => a is "--filter" or "-f" or "--list" or "--help" or "-h" or "--info");
        if (!hasFilter)
        {
            rest.AddRange(["--filter", "*"]);
        }

        return new BenchmarkOptions(quick, baselines, report, [.. rest]);
    }

    private static string ValueOf(IReadOnlyList<string> args, ref int i)
    {
        if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
        {
            throw new ArgumentException($"{args[i]} needs a file path after it.");
        }

        i++;
        return args[i];
    }
}
