using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using Perfolizer.Horology;

namespace SerialCluster.Benchmarks.Configuration;

/// <summary>
/// One short job for the whole suite, so every kernel is measured in a few minutes: enough iterations for a
/// stable mean on a quiet machine, and a standard deviation in the table that shows when the machine was not.
/// </summary>
public static class BenchmarkConfig
{
    /// <summary>The default configuration (its CSV, Markdown and HTML exporters included) with the short or quick job.</summary>
    public static IConfig Create(bool quick)
    {
        var job = quick
            ? Job.Default.WithId("quick").WithWarmupCount(1).WithIterationCount(3).WithIterationTime(TimeInterval.FromMilliseconds(200))
            : Job.Default.WithId("short").WithWarmupCount(3).WithIterationCount(8).WithIterationTime(TimeInterval.FromMilliseconds(400));
        return DefaultConfig.Instance
            .AddJob(job.AsDefault())
            .WithOptions(ConfigOptions.JoinSummary);
    }
}
