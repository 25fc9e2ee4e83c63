using SerialCluster.Abstractions.Jobs;
using SerialCluster.Grains.Execution;
using SerialCluster.Workloads.Parameters;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Grains.Limits;

/// <summary>
/// The one admission check of a submitted job, before the coordinator stores or runs anything: the spec's text against
/// <see cref="JobLimits"/> before parsing, the compiled plan against them before running, then <see cref="JobSpecBounds"/>
/// and the kernels' verdict. Limit refusals come first, so an operator's limit is named even when a parameter is also
/// wrong; the plan is compiled once and handed to the run.
/// </summary>
public sealed class JobAdmission(JobLimits limits)
{
    public Admission Admit(JobSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (JobLimitChecker.CheckSpec(spec, limits) is { } textRefusal)
        {
            return Admission.OverLimit(textRefusal);
        }

        WorkloadPlan? plan = null;
        string? kernelRefusal = null;
        try
        {
            plan = PlanCache.Compile(spec);
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

        return plan is null ? Admission.BadParameter(kernelRefusal!) : Admission.Admitted(plan);
    }
}
