using System.Text.Json.Nodes;

namespace SerialCluster.Cli.Tests.Commands;

/// <summary><c>serialcluster cluster</c> on the embedded cluster: measured figures for every silo and a full hop matrix.</summary>
public sealed class ClusterCommandTests
{
    [Trait("Category", "Cluster")]
    [Fact]
    public async Task JsonShowsEverySiloCalibratedAndTheFullHopMatrix()
    {
        var (code, stdout, stderr) = await CliHarness.RunAsync("cluster", "--silos", "2", "--json");
        Assert.True(code == 0, stderr);
        var document = JsonNode.Parse(stdout)!.AsObject(); // exactly one JSON document
        Assert.Equal(["scoreUnit", "cores", "hosts", "processors", "silos", "hops"], document.Select(p => p.Key).ToArray());
        Assert.Equal("SHA-256 chain steps/s", document["scoreUnit"]!.GetValue<string>());
        // Both silos run in this process on this machine's CPUs: the cluster has its cores once, not twice.
        Assert.Equal(1, document["hosts"]!.GetValue<int>());
        var usable = document["silos"]!.AsArray().Max(s => s!["calibration"]!["usableCores"]!.GetValue<double>());
        Assert.Equal(Math.Max(1, (int)Math.Round(usable)), document["cores"]!.GetValue<int>());

        var silos = document["silos"]!.AsArray();
        Assert.Equal(["silo-0", "silo-1"], silos.Select(s => s!["name"]!.GetValue<string>()).ToArray());
        foreach (var silo in silos)
        {
            Assert.Equal("any", silo!["role"]!.GetValue<string>());
            Assert.Contains("@", silo["address"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Equal(0, silo["runningChains"]!.GetValue<int>());
            Assert.Equal(2, silo["sharedBy"]!.GetValue<int>());
            Assert.False(string.IsNullOrWhiteSpace(silo["host"]!.GetValue<string>()));
            var calibration = silo["calibration"]!;
            Assert.True(calibration["singleThreadScore"]!.GetValue<double>() > 0);
            Assert.True(calibration["allCoreScore"]!.GetValue<double>() > 0);
            Assert.Equal(Environment.ProcessorCount, calibration["processorCount"]!.GetValue<int>());
            Assert.InRange(calibration["usableCores"]!.GetValue<double>(), 0.01, Environment.ProcessorCount);
            Assert.False(string.IsNullOrWhiteSpace(calibration["cpuModel"]!.GetValue<string>()));
            Assert.False(calibration["overridden"]!.GetValue<bool>());
            if (File.Exists("/proc/stat"))
            {
                // Both silos live in this one process: their own use can never exceed what the machine's CPUs did.
                var load = silo["load"]!;
                Assert.InRange(load["machineBusyCores"]!.GetValue<double>(), 0, Environment.ProcessorCount + 0.5);
                Assert.InRange(load["processBusyCores"]!.GetValue<double>(), 0, Environment.ProcessorCount + 0.5);
                Assert.InRange(load["foreignBusyCores"]!.GetValue<double>(), 0, Environment.ProcessorCount + 0.5);
            }
        }

        var hops = document["hops"]!.AsArray();
        var pairs = hops.Select(h => (h!["from"]!.GetValue<string>(), h["to"]!.GetValue<string>())).Order().ToArray();
        // Every pair, the diagonal (a local call) included: a probe misplaced while a silo joined is re-placed
        // within the same probe round, and the command waits for the full matrix.
        Assert.Equal([("silo-0", "silo-0"), ("silo-0", "silo-1"), ("silo-1", "silo-0"), ("silo-1", "silo-1")], pairs);
        Assert.All(hops, h =>
        {
            Assert.True(h!["p50Microseconds"]!.GetValue<double>() > 0);
            Assert.True(h["p99Microseconds"]!.GetValue<double>() >= h["p50Microseconds"]!.GetValue<double>());
        });
    }

    [Trait("Category", "Cluster")]
    [Fact]
    public async Task HumanOutputShowsTheSiloTableAndTheHopMatrix()
    {
        var (code, stdout, stderr) = await CliHarness.RunAsync("cluster", "--silos", "2");
        Assert.True(code == 0, stderr);
        foreach (var text in new[] { "silo-0", "silo-1", "single-thread", "all-core", "M/s", "hop latency", "from \\ to", "(shared by 2 silos)", "on 1 host" })
        {
            Assert.Contains(text, stdout, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("calibrating…", stdout, StringComparison.Ordinal);
        Assert.Contains("starting an embedded cluster", stderr, StringComparison.Ordinal); // human progress went to stderr
    }

    [Fact]
    public async Task WaitOutOfRangeIsAUsageError()
    {
        var (code, _, stderr) = await CliHarness.RunAsync("cluster", "--wait", "601");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--wait 601 is out of range", stderr, StringComparison.Ordinal);
    }
}
