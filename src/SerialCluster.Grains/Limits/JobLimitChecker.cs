using System.Globalization;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Workloads.Parameters;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Grains.Limits;

/// <summary>
/// Checks a job against <see cref="JobLimits"/>: first its text (before anything is parsed or compiled), then its
/// compiled plan (before anything runs). Each refusal is one line naming the parameter or quantity, its value, and
/// the limit with the configuration key that sets it.
/// </summary>
public static class JobLimitChecker
{
    private const int MaxNameCharacters = 64;

    /// <summary>Sizes and counts of the spec's text and its parallelism; null when within every limit.</summary>
    public static string? CheckSpec(JobSpec spec, JobLimits limits)
    {
        if (spec.Workload is null || spec.Parameters is null)
        {
            return "the job names no workload or carries no parameters";
        }

        if (spec.Workload.Length > MaxNameCharacters)
        {
            return $"workload name of {N(spec.Workload.Length)} characters exceeds the limit of {MaxNameCharacters}";
        }

        if (spec.Parameters.Count > limits.MaxParameters)
        {
            return $"{N(spec.Parameters.Count)} parameters exceed the limit of {N(limits.MaxParameters)} ({JobLimits.Key(nameof(JobLimits.MaxParameters))})";
        }

        long total = 0;
        foreach (var (name, value) in spec.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (name is null || value is null)
            {
                return "a parameter has no name or no value";
            }

            if (name.Length > MaxNameCharacters)
            {
                return $"parameter name '{Shorten(name)}' of {N(name.Length)} characters exceeds the limit of {MaxNameCharacters}";
            }

            if (value.Length > limits.MaxParameterCharacters)
            {
                return $"parameter '{Shorten(name)}' = '{Shorten(value)}' has {N(value.Length)} characters; the limit is {N(limits.MaxParameterCharacters)} " +
                    $"({JobLimits.Key(nameof(JobLimits.MaxParameterCharacters))})";
            }

            total += name.Length + value.Length;
        }

        if (total > limits.MaxSpecCharacters)
        {
            return $"the parameters have {N(total)} characters together; "
                + $"the limit is {N(limits.MaxSpecCharacters)} ({JobLimits.Key(nameof(JobLimits.MaxSpecCharacters))})";
        }

        if (spec.Parallelism > limits.MaxParallelism)
        {
            return $"parallelism {N(spec.Parallelism)} exceeds the limit of {N(limits.MaxParallelism)} ({JobLimits.Key(nameof(JobLimits.MaxParallelism))})";
        }

        return null;
    }

    /// <summary>The plan's work, stages and widest stage; null when within every limit.</summary>
    public static string? CheckPlan(JobSpec spec, WorkloadPlan plan, JobLimits limits)
    {
        var given = Given(spec);
        if (plan.Work > limits.MaxWorkUnits)
        {
            return $"work of {N(plan.Work)} {plan.Unit}{given} exceeds the limit of {N(limits.MaxWorkUnits)} ({JobLimits.Key(nameof(JobLimits.MaxWorkUnits))})";
        }

        if (plan.Stages.Count > limits.MaxStages)
        {
            return $"{N(plan.Stages.Count)} stages{given} exceed the limit of {N(limits.MaxStages)} ({JobLimits.Key(nameof(JobLimits.MaxStages))})";
        }

        for (var stage = 0; stage < plan.Stages.Count; stage++)
        {
            if (plan.Stages[stage].TaskCount > limits.MaxTasksPerStage)
            {
                var tasks = plan.Stages[stage].TaskCount;
                return $"stage {stage} ('{plan.Stages[stage].Name}') has {N(tasks)} tasks{given}; "
                    + $"the limit is {N(limits.MaxTasksPerStage)} ({JobLimits.Key(nameof(JobLimits.MaxTasksPerStage))})";
            }
        }

        return null;
    }

    /// <summary>" (from steps=…, tasks=…)": the parameters the user gave, so the refusal says what to lower.</summary>
    private static string Given(JobSpec spec)
    {
        var shown = spec.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={Shorten(p.Value)}").ToList();
        return shown.Count == 0 ? " (from the defaults)" : $" (from {string.Join(", ", shown)})";
    }

    private static string Shorten(string text) =>
        InvalidParameterException.Printable(text.Length > 40 ? text[..40] + "…" : text);

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
