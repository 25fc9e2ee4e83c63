using SerialCluster.Abstractions.Calibration;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Grains.Tests.Calibration;
using SerialCluster.Workloads.Plans;
using Xunit.Abstractions;

namespace SerialCluster.Grains.Tests.Placement;

/// <summary>Placement from calibrated figures (see <see cref="PlacementFixture"/> for the silos and their right answers).</summary>
[Collection(PlacementCollection.Name)]
[Trait("Category", "Cluster")]
public sealed class CalibratedPlacementTests(PlacementFixture fixture, ITestOutputHelper output)
{
    private const int Repeats = 20;

    [Fact]
    public async Task OverridesArePublishedMarkedAndTheRestIsMeasured()
    {
        var capacities = await Capacities.ReadAsync(fixture.Cluster);
        foreach (var (name, (role, score, cores)) in PlacementFixture.Silos)
        {
            var capacity = capacities[name];
            var calibration = capacity.Calibration!;
            Assert.Equal(role, capacity.Role);
            Assert.Equal(score, calibration.SingleThreadScore);
            Assert.Equal(cores, calibration.UsableCores);
            Assert.True(calibration.Overridden);
            Assert.True(calibration.AllCoreScore > 0, $"{name} measured no all-core score");
            Assert.Equal(Environment.ProcessorCount, calibration.ProcessorCount);
            Assert.False(string.IsNullOrWhiteSpace(calibration.CpuModel));
        }
    }

    [Fact]
    public async Task ScatteredChainLandsOnTheTopScoringSiloThatMayRunChains20Of20()
    {
        var landed = new List<string?>();
        for (var i = 0; i < Repeats; i++)
        {
            var status = await JobDriver.RunCompletedAsync(
                fixture.Client,
                "hashchain",
                new Dictionary<string, string> { ["steps"] = "2000" },
                JobMode.Scatter,
                0);
            landed.Add(status.Profile!.SerialSilo);
            Assert.Equal([PlacementFixture.Fastest], status.Profile.Silos.Keys);
        }

        Assert.Equal(Enumerable.Repeat<string?>(PlacementFixture.Fastest, Repeats), landed);
    }

    [Fact]
    public async Task PinnedJobLandsOnTheTopScoringSiloThatMayRunChains20Of20()
    {
        var parameters = new Dictionary<string, string> { ["samples"] = "100000", ["tasks"] = "4" };
        var landed = new List<string?>();
        for (var i = 0; i < Repeats; i++)
        {
            var status = await JobDriver.RunCompletedAsync(fixture.Client, "montecarlo", parameters, JobMode.Pinned, 0);
            landed.Add(status.Profile!.SerialSilo);
            Assert.Equal([PlacementFixture.Fastest], status.Profile.Silos.Keys);
        }

        Assert.Equal(Enumerable.Repeat<string?>(PlacementFixture.Fastest, Repeats), landed);
    }

    public static TheoryData<string> Workloads() => [.. WorkloadCatalog.All.Select(w => w.Name)];

    [Theory]
    [MemberData(nameof(Workloads))]
    public async Task ParallelRoleSiloNeverRunsAChain(string workload)
    {
        var example = WorkloadCatalog.Get(workload).Example;
        var plan = WorkloadCatalog.Get(workload).Plan(example);
        var scattered = await JobDriver.RunCompletedAsync(fixture.Client, workload, example, JobMode.Scatter, PlacementFixture.TotalCores);
        var pinned = await JobDriver.RunCompletedAsync(fixture.Client, workload, example, JobMode.Pinned, 0);

        Assert.Equal(PlacementFixture.Fastest, pinned.Profile!.SerialSilo);
        if (plan.Stages.Any(s => s.Kind == StageKind.Chain))
        {
            Assert.Equal(PlacementFixture.Fastest, scattered.Profile!.SerialSilo);
        }
        else
        {
            Assert.Null(scattered.Profile!.SerialSilo);
        }
    }

    [Fact]
    public async Task OneWaveOfTasksFillsEverySiloToItsCores()
    {
        // P = Σ cores and exactly P tasks: the dispatcher sends all of them before any finishes, least-loaded
        // first, so each silo gets exactly its usable cores' worth.
        var parameters = new Dictionary<string, string>
        {
            ["samples"] = "800000",
            ["tasks"] = PlacementFixture.TotalCores.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var status = await JobDriver.RunCompletedAsync(fixture.Client, "montecarlo", parameters, JobMode.Scatter, PlacementFixture.TotalCores);
        var expected = PlacementFixture.Silos.ToDictionary(s => s.Key, s => (int)s.Value.Cores);
        Assert.Equal(expected.OrderBy(p => p.Key), status.Profile!.Silos.OrderBy(p => p.Key));
    }

    [Fact]
    public async Task ALongStageSpreadsTasksByCoreWeights()
    {
        // Each silo keeps as many tasks in flight as it has cores and gets a new one when one finishes; the
        // silos here share one machine, so tasks take as long on each and a silo's share follows its cores:
        // Silo_0 (4 cores) ≈ half, the two 2-core silos ≈ a quarter each.
        // Tasks of ~16 ms (4·10⁶ samples): with 1 ms tasks the silo that holds the coordinator answered its calls
        // locally, faster than the others over TCP, and under load took up to half the tasks (CI, 2026-11-29:
        // 31/19/46 with the 2-core coordinator silo at 46), so the share measured dispatch latency, not cores.
        const int Tasks = 96;
        var parameters = new Dictionary<string, string>
        {
            ["samples"] = "384000000",
            ["tasks"] = Tasks.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var status = await JobDriver.RunCompletedAsync(fixture.Client, "montecarlo", parameters, JobMode.Scatter, PlacementFixture.TotalCores);
        var silos = status.Profile!.Silos;
        output.WriteLine(string.Join(", ", silos.OrderBy(p => p.Key).Select(p => $"{p.Key}={p.Value}")));
        Assert.Equal(Tasks, silos.Values.Sum());
        Assert.InRange(silos[PlacementFixture.Slow], 0.35 * Tasks, 0.65 * Tasks);
        // A quarter expected; CI runs the test projects side by side on 2 cores, and a silo whose threads the kernel
        // favoured took 35 of 96 (0.365) once while the CLI tests ran (2026-12-07).
        Assert.InRange(silos[PlacementFixture.Fastest], 0.13 * Tasks, 0.38 * Tasks);
        Assert.InRange(silos[PlacementFixture.ParallelOnly], 0.13 * Tasks, 0.38 * Tasks);
        // 2 expected; the tolerance absorbs how fairly a loaded machine shares its cores between the silos' threads.
        var twoCoreMean = (silos[PlacementFixture.Fastest] + silos[PlacementFixture.ParallelOnly]) / 2.0;
        Assert.InRange(silos[PlacementFixture.Slow] / twoCoreMean, 1.3, 3.0);
    }

    [Fact]
    public async Task ParallelRoleSiloTakesTasks()
    {
        var parameters = new Dictionary<string, string> { ["samples"] = "800000", ["tasks"] = "16" };
        var status = await JobDriver.RunCompletedAsync(fixture.Client, "montecarlo", parameters, JobMode.Scatter, PlacementFixture.TotalCores);
        Assert.Contains(PlacementFixture.ParallelOnly, status.Profile!.Silos.Keys);
        Assert.Equal(SiloRole.Parallel, (await Capacities.ReadAsync(fixture.Cluster))[PlacementFixture.ParallelOnly].Role);
    }
}
