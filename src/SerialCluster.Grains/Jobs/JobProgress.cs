using SerialCluster.Abstractions.Jobs;
using SerialCluster.Grains.Reliability;

namespace SerialCluster.Grains.Jobs;

/// <summary>
/// A running job's progress in storage, so a coordinator that takes over (after its silo was lost, or the cluster
/// restarted) resumes where the last one stopped: what was decided before the first stage (the spec and mode that
/// run, P, the predictions) and what is committed since — finished stages' profiles, the last stage's outputs and
/// the current stage's task results by task id.
/// </summary>
[GenerateSerializer]
[Alias("SerialCluster.JobProgress")]
public sealed class JobProgress
{
    [Id(0)]
    public JobSpec RunSpec { get; set; } = null!;

    [Id(1)]
    public bool Pinned { get; set; }

    [Id(2)]
    public int Parallelism { get; set; }

    [Id(3)]
    public List<JobPrediction> Predictions { get; set; } = [];

    [Id(4)]
    public string ChosenMode { get; set; } = string.Empty;

    [Id(5)]
    public double PredictedSeconds { get; set; }

    /// <summary>The stage to run next (or running).</summary>
    [Id(6)]
    public int Stage { get; set; }

    /// <summary>
    /// The outputs of the stage before <see cref="Stage"/>, in task order: the array the stage filled, held as it is, not
    /// copied. The storage serializer names the stored collection's type, so progress stored as a list still reads back.
    /// </summary>
    [Id(7)]
    public IReadOnlyList<byte[]> Previous { get; set; } = [];

    /// <summary>Task results of <see cref="Stage"/> committed so far (Id 8, one object per task, is retired).</summary>
    [Id(13)]
    public CommittedTasks Committed { get; set; } = new();

    [Id(9)]
    public List<StageProfile> Stages { get; set; } = [];

    [Id(10)]
    public Dictionary<string, int> Silos { get; set; } = new(StringComparer.Ordinal);

    [Id(11)]
    public string? SerialSilo { get; set; }

    /// <summary>Units of the stages before <see cref="Stage"/>.</summary>
    [Id(12)]
    public long UnitsBefore { get; set; }

    /// <summary>The corrected prediction for what runs (measured beats modelled), with the decision's time.</summary>
    [Id(14)]
    public double? CorrectedPredictedSeconds { get; set; }

    /// <summary>Why the cost model chose what runs, in a few words.</summary>
    [Id(15)]
    public string? ChoiceReason { get; set; }
}
