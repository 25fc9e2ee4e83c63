using SerialCluster.Abstractions.Jobs;
using SerialCluster.Integration.Tests.Infrastructure;

namespace SerialCluster.Integration.Tests.Diagnostics;

/// <summary>A silo process with <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set exports its job's spans over OTLP (http/protobuf here).</summary>
[Trait("Category", "Integration")]
[Collection(ProcessCollection.Name)]
public sealed class TraceExportTests
{
    private static readonly TimeSpan ExportDeadline = TimeSpan.FromSeconds(30);

    [SkippableFact]
    public async Task ASiloWithAnOtlpEndpointExportsTheJobsSpans()
    {
        using var receiver = new OtlpReceiver();
        await using var cluster = await ProcessCluster.CreateAsync();
        // The same keys as the environment variables, given on the command line (configuration reads both).
        await cluster.StartSilosAsync(new SiloSpec("traced-0",
        [
            $"--OTEL_EXPORTER_OTLP_ENDPOINT={receiver.Endpoint}",
            "--OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf",
            "--OTEL_BSP_SCHEDULE_DELAY=200",
        ]));
        await cluster.ConnectAsync();
        await cluster.RunJobAsync("montecarlo", new() { ["samples"] = "200000", ["tasks"] = "3", ["seed"] = "9" }, JobMode.Scatter, 2);

        var exported = await Poll.UntilAsync(
            "the silo to export the job, its stage and its tasks over OTLP",
            ExportDeadline,
            () =>
            {
                var text = receiver.TracesAsText();
                return Task.FromResult<string?>(
                    text.Contains("job montecarlo", StringComparison.Ordinal) && text.Contains("stage parallel", StringComparison.Ordinal) &&
                    text.Contains("task", StringComparison.Ordinal) ? text : null);
            });
        Assert.Contains("serialcluster-silo", exported, StringComparison.Ordinal);
        Assert.Contains("traced-0", exported, StringComparison.Ordinal);
        Assert.Contains("serialcluster.job_id", exported, StringComparison.Ordinal);
    }
}
