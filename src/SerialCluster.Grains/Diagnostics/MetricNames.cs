namespace SerialCluster.Grains.Diagnostics;

/// <summary>
/// Every Prometheus family SerialCluster exports, and its label names: one place, so code, docs/METRICS.md and the
/// dashboards agree (an integration test checks the doc's table against a real scrape).
/// </summary>
public static class MetricNames
{
    public const string JobsSubmitted = "serialcluster_jobs_submitted_total";
    public const string JobsCompleted = "serialcluster_jobs_completed_total";
    public const string JobsRunning = "serialcluster_jobs_running";
    public const string JobDuration = "serialcluster_job_duration_seconds";
    public const string TasksCompleted = "serialcluster_tasks_completed_total";
    public const string TaskDuration = "serialcluster_task_duration_seconds";
    public const string ChainSteps = "serialcluster_chain_steps_total";
    public const string ChainBatchDuration = "serialcluster_chain_batch_duration_seconds";
    public const string WorkSeconds = "serialcluster_work_seconds_total";
    public const string WallSeconds = "serialcluster_wall_seconds_total";
    public const string HopRtt = "serialcluster_hop_rtt_seconds";
    public const string SiloSingleThreadScore = "serialcluster_silo_single_thread_score";
    public const string SiloAllCoreScore = "serialcluster_silo_all_core_score";
    public const string SiloCores = "serialcluster_silo_cores";
    public const string SiloCpuSetCores = "serialcluster_silo_cpu_set_cores";
    public const string SiloRunningChains = "serialcluster_silo_running_chains";
    public const string SiloRunningTasks = "serialcluster_silo_running_tasks";
    public const string LastJobSpeedup = "serialcluster_last_job_speedup";
    public const string LastJobParallelism = "serialcluster_last_job_parallelism";
    public const string LastJobSerialFraction = "serialcluster_last_job_serial_fraction";
    public const string LastJobSerialFractionOnMeasuredCores = "serialcluster_last_job_serial_fraction_on_measured_cores";
    public const string LastJobBound = "serialcluster_last_job_bound";
    public const string LastJobTimestamp = "serialcluster_last_job_timestamp_seconds";

    public const string Workload = "workload";
    public const string Mode = "mode";
    public const string Outcome = "outcome";
    public const string Kind = "kind";
    public const string Peer = "peer";
    public const string Silo = "silo";
    public const string Host = "host";
    public const string Cpus = "cpus";

    public const string OutcomeCompleted = "completed";
    public const string OutcomeFailed = "failed";
    public const string KindChain = "chain";
    public const string KindTask = "task";
}
