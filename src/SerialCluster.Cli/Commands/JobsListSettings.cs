using System.ComponentModel;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Workloads.Plans;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SerialCluster.Cli.Commands;

/// <summary>Options of <c>serialcluster jobs list</c>: which jobs to list.</summary>
public sealed class JobsListSettings : ClusterSettings
{
    /// <summary>The states a job can be listed in (Unknown is never stored).</summary>
    public static readonly IReadOnlyList<JobState> ListedStates =
        [JobState.Running, JobState.Completed, JobState.Failed, JobState.Rejected, JobState.Cancelled];

    [CommandOption("--state <STATES>")]
    [Description("Only jobs in these states, comma-separated: running, completed, failed, rejected, cancelled.")]
    public string? State { get; init; }

    [CommandOption("--workload <NAMES>")]
    [Description("Only jobs of these workloads, comma-separated (see `serialcluster workloads`).")]
    public string? Workload { get; init; }

    /// <summary>The states asked for; empty for every state. Valid only after <see cref="Validate"/>.</summary>
    public IReadOnlySet<JobState> States => ParseStates(out _) ?? new HashSet<JobState>();

    /// <summary>The workloads asked for; empty for every workload.</summary>
    public IReadOnlySet<string> Workloads => Split(Workload).ToHashSet(StringComparer.OrdinalIgnoreCase);

    public bool Includes(JobSummary job) =>
        (States.Count == 0 || States.Contains(job.State)) && (Workloads.Count == 0 || Workloads.Contains(job.Workload));

    public override ValidationResult Validate()
    {
        if (ParseStates(out var error) is null)
        {
            return ValidationResult.Error(error!);
        }

        var names = WorkloadCatalog.All.Select(w => w.Name).ToList();
        if (Workload is not null && Split(Workload).FirstOrDefault(w => !names.Contains(w, StringComparer.OrdinalIgnoreCase)) is { } unknown)
        {
            return ValidationResult.Error($"--workload '{unknown}' is not a workload; allowed: {string.Join(", ", names)}");
        }

        if (Workload is not null && !Split(Workload).Any())
        {
            return ValidationResult.Error($"--workload '{Workload}' names no workload; allowed: {string.Join(", ", names)}");
        }

        return base.Validate();
    }

    private HashSet<JobState>? ParseStates(out string? error)
    {
        var states = new HashSet<JobState>();
        error = null;
        if (State is null)
        {
            return states;
        }

        var allowed = string.Join(", ", ListedStates.Select(s => s.ToString().ToLowerInvariant()));
        foreach (var name in Split(State))
        {
            var match = ListedStates.Where(s => s.ToString().Equals(name, StringComparison.OrdinalIgnoreCase)).ToList();
            if (match.Count == 0)
            {
                error = $"--state '{name}' is not a job state; allowed: {allowed}";
                return null;
            }

            states.Add(match[0]);
        }

        if (states.Count == 0)
        {
            error = $"--state '{State}' names no state; allowed: {allowed}";
            return null;
        }

        return states;
    }

    private static IEnumerable<string> Split(string? text) =>
        (text ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
