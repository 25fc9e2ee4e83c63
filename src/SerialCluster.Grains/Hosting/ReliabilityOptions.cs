namespace SerialCluster.Grains.Hosting;

/// <summary>
/// How jobs survive failures (configuration section <c>SerialCluster:Silo:Reliability</c>): chain checkpoints,
/// task retries, failure detection, the job keeper and the retention of finished jobs.
/// </summary>
public sealed class ReliabilityOptions
{
    public static readonly TimeSpan DefaultCheckpointInterval = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan DefaultKeeperInterval = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan DefaultProgressWriteInterval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan DefaultProbeTimeout = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan DefaultRetention = TimeSpan.FromDays(7);
    public const int DefaultTaskAttempts = 5;
    public const int DefaultMissedProbesLimit = 3;
    public static readonly TimeSpan DefaultIAmAliveInterval = TimeSpan.FromSeconds(1);
    public const int DefaultMissedIAmAliveLimit = 3;

    /// <summary>
    /// K: a chain saves its state every K steps; 0 derives K from <see cref="CheckpointInterval"/> and the measured
    /// step cost (and never lets a checkpoint cost more than 1% of the compute between two).
    /// </summary>
    public long CheckpointSteps { get; set; }

    /// <summary>Compute time between two checkpoints when <see cref="CheckpointSteps"/> is 0.</summary>
    public TimeSpan CheckpointInterval { get; set; } = DefaultCheckpointInterval;

    /// <summary>Times a task or chain is started before its job fails (each start after a lost silo or a transient error).</summary>
    public int TaskAttempts { get; set; } = DefaultTaskAttempts;

    /// <summary>How often each silo's job keeper wakes running jobs whose coordinator was lost.</summary>
    public TimeSpan KeeperInterval { get; set; } = DefaultKeeperInterval;

    /// <summary>How often a running job stores the task results and parallel stage ends it has committed (a chain stage's end is always stored).</summary>
    public TimeSpan ProgressWriteInterval { get; set; } = DefaultProgressWriteInterval;

    /// <summary>Finished jobs older than this are deleted with their results (0 keeps them until deleted).</summary>
    public TimeSpan Retention { get; set; } = DefaultRetention;

    /// <summary>Membership probe period and timeout: a silo missing <see cref="MissedProbesLimit"/> in a row is declared dead.</summary>
    public TimeSpan ProbeTimeout { get; set; } = DefaultProbeTimeout;

    /// <summary>Missed probes before a silo is suspected (Orleans' default is 3).</summary>
    public int MissedProbesLimit { get; set; } = DefaultMissedProbesLimit;

    /// <summary>
    /// How often each silo writes its heartbeat to the membership table. A silo whose heartbeat is older than
    /// <see cref="IAmAliveInterval"/> × <see cref="MissedIAmAliveLimit"/> stops counting as a voter, so a survivor of a
    /// majority loss can declare the dead silos dead alone once that much time has passed.
    /// </summary>
    public TimeSpan IAmAliveInterval { get; set; } = DefaultIAmAliveInterval;

    /// <summary>Heartbeats a silo may miss before its membership entry is stale (Orleans' default is 3 of 30 s each).</summary>
    public int MissedIAmAliveLimit { get; set; } = DefaultMissedIAmAliveLimit;
}
