using SerialCluster.Abstractions.Jobs;
using SerialCluster.Grains.Execution;
using SerialCluster.Workloads.Parameters;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Grains.Limits;

/// <summary>
/// The one admission check of a submitted job, before the coordinator stores or runs anything: the spec's text against
/// <see cref="JobLimits"/> before parsing, the compiled plan against them before running, then <see cref="JobSpecBounds"/>
/// and the kernels' verdict. Limit refusals come first, so an operator's limit is named even when a parameter is also
/// wrong; the plan is compiled once and handed to the run with the bytes its compile allocated (its share in <see cref="Gate"/>).
/// </summary>
public sealed class JobAdmission(JobLimits limits)
{
    /// <summary>The running jobs this silo coordinates; a coordinator holds its job here while the job runs.</summary>
    public SiloWorkGate Gate { get; } = new(limits);

    public Admission Admit(JobSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (JobLimitChecker.CheckSpec(spec, limits) is { } textRefusal)
        {
            return Admission.OverLimit(textRefusal);
        }

        WorkloadPlan? plan = null;
        string? kernelRefusal = null;
        long planBytes = 0;
        try
        {
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            plan = PlanCache.Compile(spec);
            planBytes = GC.GetAllocatedBytesForCurrentThread() - allocated;
        }
        catch (Exception e) when (e is UnknownWorkloadException or InvalidParameterException)
        {
            kernelRefusal = e.Message;
        }

        if (plan is not null && JobLimitChecker.CheckPlan(spec, plan, limits) is { } planRefusal)
        {
            return Admission.OverLimit(planRefusal);
        }

        if (spec.Parallelism is < 0 or > JobSpecBounds.MaxParallelism)
        {
            return Admission.BadParameter(
                $"parallelism {spec.Parallelism} is out of range; allowed: 1 to {JobSpecBounds.MaxParallelism}, or 0 for every core");
        }

        if (!(spec.DeadlineSeconds >= 0 && spec.DeadlineSeconds <= JobSpecBounds.MaxDeadlineSeconds))
        {
            return Admission.BadParameter(
                $"deadline {spec.DeadlineSeconds} s is out of range; allowed: 0 (none) or up to {JobSpecBounds.MaxDeadline.TotalSeconds:F0} s");
        }

        if (plan is null)
        {
            return Admission.BadParameter(kernelRefusal!);
        }

        return Admission.Admitted(plan, planBytes);
    }
}
