using BenchmarkDotNet.Running;
using SerialCluster.Benchmarks.Configuration;
using SerialCluster.Benchmarks.Reporting;

// Kernel benchmarks: BenchmarkDotNet measures every [Benchmark] in this assembly, then the kernel table puts each
// result in units per second per core beside its target and the C baselines that benchmarks/run.sh measured.
BenchmarkOptions options;
IReadOnlyDictionary<string, BaselineResult> baselines;
try
{
    options = BenchmarkOptions.Parse(args);
    baselines = BaselineResults.Load(options.BaselinesPath);
}
catch (Exception error) when (error is ArgumentException or FormatException or IOException)
{
    Console.Error.WriteLine($"serialcluster-benchmarks: {error.Message}");
    return 2;
}

var summaries = BenchmarkSwitcher.FromAssembly(typeof(BenchmarkOptions).Assembly)
    .Run(options.BenchmarkDotNetArgs, BenchmarkConfig.Create(options.Quick))
    .ToList();

var table = KernelTable.Build(summaries, baselines);
if (options.ReportPath is { } reportPath)
{
    File.WriteAllText(reportPath, table.Markdown);
}
else
{
    Console.WriteLine();
    Console.WriteLine(table.Markdown);
}

return table.AllSucceeded ? 0 : 1;
