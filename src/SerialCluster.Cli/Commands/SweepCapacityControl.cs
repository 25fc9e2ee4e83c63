using System.Globalization;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Cli.Jobs;
using SerialCluster.Cli.Reports;

namespace SerialCluster.Cli.Commands;

/// <summary>
/// A sweep's capacity control: <see cref="TasksPerCore"/> · P equal, independent chunks of the amdahl kernel at parallelism P, through the job's own
/// cluster and dispatch, so it measures the cores the work runs on. Several tasks per core let a core that is slow for a while take fewer, as a job's
/// tasks do (P tasks would measure the slowest core's makespan instead; docs/ANALYSIS.md). A task is sized once to the job's P = 1 wall, clamped to
/// [<see cref="MinTaskSeconds"/>, <see cref="MaxTaskSeconds"/>], from the second of two <see cref="ProbeSteps"/>-step probes (the first warms the path).
/// </summary>
public sealed class SweepCapacityControl(JobRunner runner, string workload, Action<string> log)
{
    public const string ControlWorkload = "amdahl";
    public const double MinTaskSeconds = 0.1;
    public const double MaxTaskSeconds = 1.0;
    public const long ProbeSteps = 1 << 20;
    public const int TasksPerCore = 4;

    private readonly List<SweepControlRun> _runs = [];
    private long _chunkSteps;
    private double _taskSeconds;

    public SweepControl Result => new(_chunkSteps, _taskSeconds, _runs);

    /// <summary>Runs the control at <paramref name="p"/> in repeat round <paramref name="repeat"/>, sizing it first (once) from
    /// <paramref name="jobSecondsAtOne"/>.</summary>
    public async Task RunAsync(int p, int repeat, double jobSecondsAtOne, CancellationToken cancellationToken)
    {
        if (_chunkSteps == 0)
        {
            await SizeAsync(jobSecondsAtOne, cancellationToken);
        }

        var status = await RunJobAsync(p, p * TasksPerCore, _chunkSteps, cancellationToken);
        var seconds = status.Profile!.WallSeconds;
        _runs.Add(new SweepControlRun(new(p, repeat, seconds), status.JobId));

        log(string.Create(
            CultureInfo.InvariantCulture,
            $"sweep {workload}: capacity control P={p} repeat {repeat}: {p * TasksPerCore} × {_chunkSteps:N0} steps in {seconds:F3} s ({status.JobId})"));
    }

    private async Task SizeAsync(double jobSecondsAtOne, CancellationToken cancellationToken)
    {
        _taskSeconds = Math.Clamp(double.IsFinite(jobSecondsAtOne) ? jobSecondsAtOne : MinTaskSeconds, MinTaskSeconds, MaxTaskSeconds);
        // Twice: the first activates the control's path; the second is timed.
        await RunJobAsync(1, 1, ProbeSteps, cancellationToken);
        var probe = await RunJobAsync(1, 1, ProbeSteps, cancellationToken);
        var rate = ProbeSteps / Math.Max(1e-6, probe.Profile!.WorkSeconds);
        _chunkSteps = Math.Max(1, (long)Math.Round(rate * _taskSeconds / TasksPerCore));
        log(string.Create(
            CultureInfo.InvariantCulture,
            $"sweep {workload}: capacity control sized to {TasksPerCore} tasks per core of {_chunkSteps:N0} SHA-256 steps (~{_taskSeconds:F3} s per core at " +
            $"{rate / 1e6:F1} M steps/s alone)"));
    }

    /// <summary>A small control job at parallelism <paramref name="p"/>, for warming the control's path before a sweep measures.</summary>
    public static JobSpec WarmUpJob(int p) => Job(p, p * TasksPerCore, ProbeSteps / TasksPerCore);

    private static JobSpec Job(int p, int tasks, long chunkSteps)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["serialSteps"] = "0",
            ["chunkSteps"] = chunkSteps.ToString(CultureInfo.InvariantCulture),
            ["tasks"] = tasks.ToString(CultureInfo.InvariantCulture),
        };
        return new JobSpec(ControlWorkload, parameters, JobMode.Scatter, p);
    }

    private async Task<JobStatus> RunJobAsync(int p, int tasks, long chunkSteps, CancellationToken cancellationToken)
    {
        var status = await runner.RunAsync(Job(p, tasks, chunkSteps), (_, _, _) => { }, cancellationToken);
        if (status.State != JobState.Completed || status.Profile is null)
        {
            throw new CliException(ExitCodes.JobFailed, $"capacity-control job {status.JobId} (P={p}) failed: {status.Error}");
        }

        return status;
    }
}
