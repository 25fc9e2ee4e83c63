using SerialCluster.Abstractions.Jobs;

namespace SerialCluster.Grains.Limits;

/// <summary>
/// What one job may ask of the cluster, from configuration section <c>SerialCluster:Limits</c> (silo host) and checked
/// by the coordinator before any work starts (<see cref="JobAdmission"/>). The defaults admit everything the
/// workloads themselves allow; an operator lowers them to protect a shared cluster.
/// </summary>
public sealed class JobLimits
{
    public const string SectionName = "SerialCluster:Limits";

    public const int DefaultMaxParameters = 32;
    public const int DefaultMaxParameterCharacters = 16 * 1024 * 1024;
    public const long DefaultMaxSpecCharacters = 32L * 1024 * 1024;
    public const int DefaultMaxParallelism = JobSpecBounds.MaxParallelism;
    public const long DefaultMaxWorkUnits = 1_000_000_000_000_000;
    public const int DefaultMaxTasksPerStage = 1 << 20;
    public const int DefaultMaxStages = 10_000_000;
    public const int DefaultMaxSiloJobs = 64;

    /// <summary>Parameters one job may name (every workload has fewer; more is noise or an attack).</summary>
    public int MaxParameters { get; set; } = DefaultMaxParameters;

    /// <summary>Characters in one parameter's value (a circuit or puzzle file arrives as one value).</summary>
    public int MaxParameterCharacters { get; set; } = DefaultMaxParameterCharacters;

    /// <summary>Characters in all parameter names and values of one job together.</summary>
    public long MaxSpecCharacters { get; set; } = DefaultMaxSpecCharacters;

    /// <summary>Most tasks one job may keep in flight across the cluster (its P).</summary>
    public int MaxParallelism { get; set; } = DefaultMaxParallelism;

    /// <summary>The plan's work, in the workload's own unit (steps, samples, cell updates…).</summary>
    public long MaxWorkUnits { get; set; } = DefaultMaxWorkUnits;

    /// <summary>Tasks in one stage of the plan.</summary>
    public int MaxTasksPerStage { get; set; } = DefaultMaxTasksPerStage;

    /// <summary>Stages in the plan (each a barrier the coordinator waits at).</summary>
    public int MaxStages { get; set; } = DefaultMaxStages;

    /// <summary>Running jobs one silo may coordinate at once; a submission beyond it is refused until one ends.</summary>
    public int MaxSiloJobs { get; set; } = DefaultMaxSiloJobs;

    /// <summary>
    /// Bytes the running jobs' plans one silo coordinates may have taken to build, together (each measured as it is
    /// compiled at admission); a submission beyond it is refused until one ends. 0: half the memory this process may use.
    /// </summary>
    public long MaxSiloPlanBytes { get; set; }

    /// <summary><see cref="MaxSiloPlanBytes"/>, or half the memory the garbage collector may use when it is 0.</summary>
    public long SiloPlanBytes => MaxSiloPlanBytes > 0 ? MaxSiloPlanBytes : Math.Max(1, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 2);

    /// <summary>The key an operator sets, for refusal messages: <c>SerialCluster:Limits:MaxWorkUnits</c>.</summary>
    public static string Key(string property) => $"{SectionName}:{property}";

    /// <summary>The first limit that is not positive, as "key: problem"; null when all are usable.</summary>
    public string? FirstProblem()
    {
        (string Name, long Value)[] all =
        [
            (nameof(MaxParameters), MaxParameters), (nameof(MaxParameterCharacters), MaxParameterCharacters),
            (nameof(MaxSpecCharacters), MaxSpecCharacters), (nameof(MaxParallelism), MaxParallelism),
            (nameof(MaxWorkUnits), MaxWorkUnits), (nameof(MaxTasksPerStage), MaxTasksPerStage), (nameof(MaxStages), MaxStages),
            (nameof(MaxSiloJobs), MaxSiloJobs),
        ];
        var bad = all.FirstOrDefault(l => l.Value < 1);
        if (bad.Name is null && MaxSiloPlanBytes < 0)
        {
            return $"{Key(nameof(MaxSiloPlanBytes))}: {MaxSiloPlanBytes} is negative; use 0 for half of this process's memory";
        }

        return bad.Name is null ? null : $"{Key(bad.Name)}: {bad.Value} is not a positive limit";
    }
}
