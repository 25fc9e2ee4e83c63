using System.Net;
using SerialCluster.Abstractions.Calibration;
using SerialCluster.Abstractions.Execution;
using SerialCluster.Cli.Cluster;
using SerialCluster.Cli.Output;
using Spectre.Console;

namespace SerialCluster.Cli.Tests.Output;

/// <summary>
/// <c>cluster</c> on the Docker Compose defaults under <c>--scale silo=3</c>: silo-serial alone on CPU 0, three
/// parallel containers on CPU 1, each with a host name of its own on one host.
/// </summary>
public sealed class ClusterTableTests
{
    private const string Host = "boot:5f1e";

    [Fact]
    public void SilosThatShareACpuSaySoAndTheClusterCountsItOnce()
    {
        var text = Render(ComposeDefaults());
        Assert.Contains("1 (shared by 3 silos)", text, StringComparison.Ordinal);
        Assert.Contains("cluster: 2 cores on 1 host (CPUs that several silos share counted once)", text, StringComparison.Ordinal);
        Assert.Contains("silo-serial", text, StringComparison.Ordinal);
    }

    [Fact]
    public void SilosOnTheirOwnCpusShareNothing()
    {
        var survey = ClusterSurvey.Of([Silo("a", "boot:1", "0-3", 4, 1), Silo("b", "boot:2", "0-3", 4, 2)]);
        var text = Render(survey);
        Assert.DoesNotContain("(shared by", text, StringComparison.Ordinal);
        Assert.Contains("cluster: 8 cores on 2 hosts", text, StringComparison.Ordinal);
        Assert.DoesNotContain("counted once)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ACachedCalibrationIsMarkedWithWhenItWasMeasured()
    {
        var measured = new DateTimeOffset(2026, 12, 7, 17, 27, 5, TimeSpan.Zero);
        var silo = Silo("a", "boot:1", "0-1", 2, 1);
        var kept = silo with { Capacity = silo.Capacity! with { Calibration = silo.Capacity.Calibration! with { Cached = true, MeasuredAt = measured } } };
        var text = Render(ClusterSurvey.Of([kept, Silo("b", "boot:1", "0-1", 2, 2)]));
        Assert.Contains("2.00 M/s†", text, StringComparison.Ordinal);
        Assert.Contains("† measured on this machine at 2026-12-07 17:27:05 UTC and kept (calibration cache)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("† measured", Render(ClusterSurvey.Of([Silo("b", "boot:1", "0-1", 2, 2)])), StringComparison.Ordinal);
    }

    [Fact]
    public void JsonHasTheClusterCoresAndEachSilosHostCpusAndSharing()
    {
        var document = ClusterDocument.Build(ComposeDefaults());
        Assert.Equal(2, document["cores"]!.GetValue<int>());
        Assert.Equal(1, document["hosts"]!.GetValue<int>());
        var silos = document["silos"]!.AsArray();
        Assert.Equal([1, 3, 3, 3], silos.Select(s => s!["sharedBy"]!.GetValue<int>()).ToArray());
        Assert.Equal(["0", "1", "1", "1"], silos.Select(s => s!["cpuSet"]!.GetValue<string>()).ToArray());
        Assert.All(silos, s => Assert.Equal(Host, s!["host"]!.GetValue<string>()));
        Assert.Equal("c1", silos[1]!["machine"]!.GetValue<string>());
    }

    [Fact]
    public void SlowSilosUnderEqualQuotasAreWhatASweepCounts()
    {
        // deploy/local-cluster.sh SILOS=8 CPU_QUOTA=0.25: eight processes, a quarter core each, on the host's two CPUs.
        var survey = ClusterSurvey.Of([.. Enumerable.Range(0, 8).Select(i => SlowSilo($"silo-{i}", 0.25, i))]);
        var text = Render(survey);
        Assert.Contains("0.25 (shared by 8 silos)", text, StringComparison.Ordinal);
        Assert.Contains(
            "cluster: 2 cores on 1 host (CPUs that several silos share counted once); 8 slow silos of 0.25 core under CPU quotas: a sweep's P counts them",
            text,
            StringComparison.Ordinal);
        var processors = ClusterDocument.Build(survey)["processors"]!;
        Assert.Equal("silos", processors["noun"]!.GetValue<string>());
        Assert.Equal(8, processors["count"]!.GetValue<int>());
        Assert.Equal(0.25, processors["coresEach"]!.GetValue<double>());
        Assert.Equal("cores", ClusterDocument.Build(ComposeDefaults())["processors"]!["noun"]!.GetValue<string>());
    }

    private static SurveyedSilo SlowSilo(string name, double quota, int index)
    {
        var calibration = new SiloCalibration(2e6, 2e6 * quota, 1, quota, "test cpu", 3000, DateTimeOffset.UnixEpoch, 1, false);
        var capacity = new SiloCapacity(name, "vm", 1, SiloRole.Any, calibration, 0, 0, [], null, Host, "0-1", ProcessId: 100 + index);
        return new SurveyedSilo(SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 31000 + index), 1), name, "vm", capacity);
    }

    private static ClusterSurvey ComposeDefaults() =>
        ClusterSurvey.Of([Silo("silo-serial", Host, "0", 1, 1), Silo("c1", Host, "1", 1, 2), Silo("c2", Host, "1", 1, 3), Silo("c3", Host, "1", 1, 4)]);

    private static SurveyedSilo Silo(string name, string host, string cpuSet, int cores, int port)
    {
        var calibration = new SiloCalibration(2e6, 2e6 * cores, cores, cores, "test cpu", 3000, DateTimeOffset.UnixEpoch, 1, false);
        var capacity = new SiloCapacity(name, name, cores, SiloRole.Any, calibration, 0, 0, [], null, host, cpuSet, ProcessId: 1);
        return new SurveyedSilo(SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 30000 + port), 1), name, name, capacity);
    }

    private static string Render(ClusterSurvey survey)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 400;
        ClusterTable.Write(console, survey);
        return writer.ToString();
    }
}
