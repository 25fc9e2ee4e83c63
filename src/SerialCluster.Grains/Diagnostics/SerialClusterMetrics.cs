using Prometheus;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Grains.Diagnostics;

/// <summary>
/// SerialCluster's Prometheus instruments (prometheus-net, default registry: one per process, served by the silo
/// host's <c>/metrics</c>), created once, with the few recording methods the grains call. Labels are low-cardinality
/// by construction: a workload name (validated against the catalog before anything is counted), a mode, an outcome,
/// a kind, a peer or silo name — never a job id.
/// </summary>
public static class SerialClusterMetrics
{
    public static readonly Counter JobsSubmitted = Metrics.CreateCounter(
        MetricNames.JobsSubmitted, "Jobs accepted by a coordinator on this silo.", MetricNames.Workload, MetricNames.Mode);

    public static readonly Counter JobsCompleted = Metrics.CreateCounter(
        MetricNames.JobsCompleted,
        "Jobs finished by a coordinator on this silo, by outcome (completed, failed).",
        MetricNames.Workload,
        MetricNames.Mode,
        MetricNames.Outcome);

    public static readonly Gauge JobsRunning = Metrics.CreateGauge(
        MetricNames.JobsRunning, "Jobs whose coordinator on this silo is running them now.");

    public static readonly Histogram JobDuration = Metrics.CreateHistogram(
        MetricNames.JobDuration, "Wall time of completed jobs, submission to result.", new HistogramConfiguration
        {
            LabelNames = [MetricNames.Workload, MetricNames.Mode],
            Buckets = Histogram.ExponentialBuckets(0.001, 2, 22), // 1 ms … ~35 min
        });

    public static readonly Counter TasksCompleted = Metrics.CreateCounter(
        MetricNames.TasksCompleted, "Parallel-stage tasks this silo computed.", MetricNames.Workload);

    public static readonly Histogram TaskDuration = Metrics.CreateHistogram(
        MetricNames.TaskDuration, "Compute time of one parallel-stage task, measured around the kernel.", new HistogramConfiguration
        {
            LabelNames = [MetricNames.Workload],
            Buckets = Histogram.ExponentialBuckets(0.00001, 2, 24), // 10 µs … ~84 s
        });

    public static readonly Counter ChainSteps = Metrics.CreateCounter(
        MetricNames.ChainSteps, "Serial-chain steps this silo advanced in chain stages (scatter mode).", MetricNames.Workload);

    public static readonly Histogram ChainBatchDuration = Metrics.CreateHistogram(
        MetricNames.ChainBatchDuration, "Compute time of one serial-chain batch (batches are sized to ~50 ms).", new HistogramConfiguration
        {
            LabelNames = [MetricNames.Workload],
            Buckets = Histogram.ExponentialBuckets(0.00001, 2, 22), // 10 µs … ~21 s
        });

    public static readonly Counter WorkSeconds = Metrics.CreateCounter(
        MetricNames.WorkSeconds, "Compute seconds spent in kernels on this silo, by kind (chain, task).", MetricNames.Kind);

    public static readonly Counter WallSeconds = Metrics.CreateCounter(
        MetricNames.WallSeconds, "Wall seconds of completed jobs coordinated on this silo (added when a job completes).");

    public static readonly Histogram HopRtt = Metrics.CreateHistogram(
        MetricNames.HopRtt, "Grain-call round trip from this silo to a peer (itself: the local call), from the hop probes.", new HistogramConfiguration
        {
            LabelNames = [MetricNames.Peer],
            Buckets = Histogram.ExponentialBuckets(0.000002, 2, 20), // 2 µs … ~1 s
        });

    public static readonly Gauge SiloSingleThreadScore = Metrics.CreateGauge(
        MetricNames.SiloSingleThreadScore, "Calibrated single-thread score (calibration-kernel steps per second on one core).", MetricNames.Silo);

    public static readonly Gauge SiloAllCoreScore = Metrics.CreateGauge(
        MetricNames.SiloAllCoreScore, "Calibrated all-core score (steps per second with every usable core busy, total).", MetricNames.Silo);

    public static readonly Gauge SiloCores = Metrics.CreateGauge(
        MetricNames.SiloCores, "Usable cores of the silo (calibrated; the processor count until calibrated).", MetricNames.Silo);

    /// <summary>The silo's usable cores labelled with its host and CPU set: silos sharing CPUs count once under max by (host, cpus).</summary>
    public static readonly Gauge SiloCpuSetCores = Metrics.CreateGauge(
        MetricNames.SiloCpuSetCores, "Usable cores of the silo, labelled with its host (kernel boot id) and CPU set, so shared CPUs can be counted once.",
        MetricNames.Silo, MetricNames.Host, MetricNames.Cpus);

    public static readonly Gauge SiloRunningChains = Metrics.CreateGauge(
        MetricNames.SiloRunningChains, "Serial chains (and pinned jobs) running on the silo now.", MetricNames.Silo);

    public static readonly Gauge SiloRunningTasks = Metrics.CreateGauge(
        MetricNames.SiloRunningTasks, "Parallel-stage tasks running on the silo now.", MetricNames.Silo);

    public static readonly Gauge LastJobSpeedup = Metrics.CreateGauge(
        MetricNames.LastJobSpeedup, "Last job or sweep of the workload: achieved speedup over one core (work / wall for a job).", MetricNames.Workload);

    public static readonly Gauge LastJobParallelism = Metrics.CreateGauge(
        MetricNames.LastJobParallelism, "Last job or sweep of the workload: parallelism work / span.", MetricNames.Workload);

    public static readonly Gauge LastJobSerialFraction = Metrics.CreateGauge(
        MetricNames.LastJobSerialFraction,
        "Last job or sweep of the workload: serial fraction (Karp–Flatt e at the P used for a job; NaN at P = 1).",
        MetricNames.Workload);

    public static readonly Gauge LastJobSerialFractionOnMeasuredCores = Metrics.CreateGauge(
        MetricNames.LastJobSerialFractionOnMeasuredCores,
        "Last sweep of the workload with the capacity control: Amdahl's serial fraction fitted against the capacity "
            + "the busy cores measurably delivered (NaN after a lone job, which measures no capacity).",
        MetricNames.Workload);

    public static readonly Gauge LastJobBound = Metrics.CreateGauge(
        MetricNames.LastJobBound, "Last job or sweep of the workload: the most speedup its plan allows at the P used.", MetricNames.Workload);

    public static readonly Gauge LastJobTimestamp = Metrics.CreateGauge(
        MetricNames.LastJobTimestamp,
        "When this silo last set the workload's last-job gauges (Unix seconds): pick the newest across silos.",
        MetricNames.Workload);

    /// <summary>The workload label: catalog names are lower case; the same workload is one series however it was typed.</summary>
    public static string WorkloadLabel(string workload) => workload.Trim().ToLowerInvariant();

    public static string ModeLabel(JobMode mode) => mode.ToString().ToLowerInvariant();

    public static void JobSubmitted(JobSpec spec)
    {
        if (spec.WarmUp)
        {
            JobsRunning.Inc();
            return;
        }

        JobsSubmitted.WithLabels(WorkloadLabel(spec.Workload), ModeLabel(spec.Mode)).Inc();
        JobsRunning.Inc();
    }

    /// <summary>A job this silo's coordinator took over from a lost one: running here now (it was counted submitted where it started).</summary>
    public static void JobResumed() => JobsRunning.Inc();

    /// <summary>A job whose coordinator here stopped without finishing it (the silo is stopping, or another coordinator took over).</summary>
    public static void JobLeft() => JobsRunning.Dec();

    public static void JobFailed(JobSpec spec)
    {
        if (spec.WarmUp)
        {
            JobsRunning.Dec();
            return;
        }

        JobsCompleted.WithLabels(WorkloadLabel(spec.Workload), ModeLabel(spec.Mode), MetricNames.OutcomeFailed).Inc();
        JobsRunning.Dec();
    }

    /// <summary>
    /// A job completed: its counters, its duration, the busy wall seconds, and the workload's last-job gauges —
    /// speedup = work / wall (what the job achieved against one core), parallelism = work / span, serial fraction
    /// = Karp–Flatt e at the P it used (1 for pinned jobs, so NaN there), bound = the plan's bound at that P, over the
    /// <paramref name="stagesRun"/> stages it ran (a plan may stop early).
    /// </summary>
    public static void JobCompleted(JobSpec spec, WorkloadPlan plan, JobProfile profile, int stagesRun)
    {
        if (spec.WarmUp)
        {
            JobsRunning.Dec();
            return;
        }

        var workload = WorkloadLabel(spec.Workload);
        JobsCompleted.WithLabels(workload, ModeLabel(spec.Mode), MetricNames.OutcomeCompleted).Inc();
        JobsRunning.Dec();
        JobDuration.WithLabels(workload, ModeLabel(spec.Mode)).Observe(profile.WallSeconds);
        WallSeconds.Inc(Math.Max(0, profile.WallSeconds));
        var figures = LastJobFigures.Measure(profile, stagesRun < plan.Stages.Count ? [.. plan.Stages.Take(stagesRun)] : plan.Stages);
        PublishLastJob(workload, figures.Speedup, figures.Parallelism, figures.SerialFraction, figures.Bound);
    }

    /// <summary>
    /// Sets the workload's last-job gauges on this silo (jobs on their coordinator; sweeps through <c>ITelemetryGrain</c>);
    /// <paramref name="serialFractionOnMeasuredCores"/> is NaN unless a capacity control measured the cores.
    /// </summary>
    public static void PublishLastJob(
        string workload,
        double speedup,
        double parallelism,
        double serialFraction,
        double bound,
        double serialFractionOnMeasuredCores = double.NaN)
    {
        var label = WorkloadLabel(workload);
        LastJobSpeedup.WithLabels(label).Set(speedup);
        LastJobParallelism.WithLabels(label).Set(parallelism);
        LastJobSerialFraction.WithLabels(label).Set(serialFraction);
        LastJobSerialFractionOnMeasuredCores.WithLabels(label).Set(serialFractionOnMeasuredCores);
        LastJobBound.WithLabels(label).Set(bound);
        LastJobTimestamp.WithLabels(label).SetToCurrentTimeUtc();
    }

    public static void TaskCompleted(string workload, double seconds)
    {
        var label = WorkloadLabel(workload);
        TasksCompleted.WithLabels(label).Inc();
        TaskDuration.WithLabels(label).Observe(seconds);
        WorkSeconds.WithLabels(MetricNames.KindTask).Inc(Math.Max(0, seconds));
    }

    public static void ChainBatch(string workload, long steps, double seconds)
    {
        var label = WorkloadLabel(workload);
        ChainSteps.WithLabels(label).Inc(steps);
        ChainBatchDuration.WithLabels(label).Observe(seconds);
        WorkSeconds.WithLabels(MetricNames.KindChain).Inc(Math.Max(0, seconds));
    }

    /// <summary>Steps of a pinned job's whole-job chain, counted as it runs (its batches are not separate calls, so no batch duration).</summary>
    public static void PinnedSteps(string workload, long steps) => ChainSteps.WithLabels(WorkloadLabel(workload)).Inc(steps);

    /// <summary>A pinned job's compute, all on one core: counted as chain work (its tasks ran one after another).</summary>
    public static void PinnedWork(double seconds) => WorkSeconds.WithLabels(MetricNames.KindChain).Inc(Math.Max(0, seconds));

    public static void HopSample(string peer, double seconds) => HopRtt.WithLabels(peer).Observe(seconds);
}
