using SerialCluster.Workloads.Plans;

namespace SerialCluster.Grains.Limits;

/// <summary>
/// What <see cref="JobAdmission"/> answered for one spec: its compiled plan, or the one-line reason it is refused.
/// A refusal is over a limit of this cluster (the configured <see cref="JobLimits"/>) or a bad parameter (the spec's
/// own bounds, or the kernels' words); a limit refusal stands even for a job id already in use.
/// </summary>
public sealed class Admission
{
    private Admission(WorkloadPlan? plan, string? refusal, bool overLimit, long planBytes = 0)
    {
        Plan = plan;
        PlanBytes = planBytes;
        Refusal = refusal;
        IsOverLimit = overLimit;
    }

    /// <summary>The compiled plan of an admitted spec; null when refused.</summary>
    public WorkloadPlan? Plan { get; }

    /// <summary>Bytes allocated while the plan was compiled: an upper bound on what it holds (0 when refused).</summary>
    public long PlanBytes { get; }

    /// <summary>The reason, as the job's status shows it; null when admitted.</summary>
    public string? Refusal { get; }

    /// <summary>True when the spec is over a configured limit of this cluster.</summary>
    public bool IsOverLimit { get; }

    public static Admission Admitted(WorkloadPlan plan, long planBytes = 0) => new(plan, null, overLimit: false, planBytes);

    public static Admission OverLimit(string refusal) => new(null, $"over a limit of this cluster: {refusal}", overLimit: true);

    public static Admission BadParameter(string refusal) => new(null, refusal, overLimit: false);
}
