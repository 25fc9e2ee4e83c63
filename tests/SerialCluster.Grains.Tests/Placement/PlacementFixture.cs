using SerialCluster.Abstractions.Calibration;
using SerialCluster.Grains.Hosting;
using SerialCluster.Grains.Tests.Calibration;

namespace SerialCluster.Grains.Tests.Placement;

/// <summary>
/// Three silos with configured figures, so placement has a known right answer:
/// <list type="table">
/// <item>Silo_0: role any, single-thread 1 M steps/s, 4 usable cores.</item>
/// <item>Silo_1: role any, 4 M steps/s, 2 cores: the fastest silo that may run chains.</item>
/// <item>Silo_2: role parallel, 9 M steps/s (the fastest of all), 2 cores: must never get a chain.</item>
/// </list>
/// Ready only when every silo has published its calibration, since the coordinator reads it at job start.
/// </summary>
public sealed class PlacementFixture() : InProcessClusterFixture((short)Silos.Count)
{
    public const string Slow = "Silo_0";
    public const string Fastest = "Silo_1";
    public const string ParallelOnly = "Silo_2";

    public static readonly IReadOnlyDictionary<string, (SiloRole Role, double Score, double Cores)> Silos =
        new Dictionary<string, (SiloRole, double, double)>
        {
            [Slow] = (SiloRole.Any, 1e6, 4),
            [Fastest] = (SiloRole.Any, 4e6, 2),
            [ParallelOnly] = (SiloRole.Parallel, 9e6, 2),
        };

    /// <summary>Σ usable cores: the P at which every core has a task.</summary>
    public static int TotalCores => (int)Silos.Values.Sum(s => s.Cores);

    protected override void BeforeDeploy()
    {
        // These silos share one process and its thread pool. On separate machines a silo's in-flight tasks run
        // side by side on its own cores; here they must not queue behind each other for a pool thread, or
        // completion order (and so where the next task goes) follows the pool's queues instead of the slots.
        // Enough threads for every slot lets the OS share the CPU fairly between all in-flight tasks.
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 4 * TotalCores), io);
    }

    protected override void ConfigureOptions(string siloName, SerialClusterOptions options)
    {
        var (role, score, cores) = Silos[siloName];
        options.Role = role;
        options.SingleThreadScoreOverride = score;
        options.UsableCoresOverride = cores;
        options.HopProbeInterval = TimeSpan.Zero;
        // These tests check where single tasks go (each to the least-loaded silo by cores); a batched stage opens
        // its lanes by the same rule but moves a whole batch at a time, too coarse to check a share at these sizes.
        options.BatchWideStages = false;
    }

    protected override Task AfterDeployAsync() => Capacities.WaitForCalibrationAsync(Cluster);
}
