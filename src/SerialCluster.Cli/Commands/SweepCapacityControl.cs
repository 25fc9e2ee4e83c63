using System.Globalization;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Cli.Jobs;
using SerialCluster.Cli.Reports;

namespace SerialCluster.Cli.Commands;

/// <summary>
/// Runs a sweep's capacity control: <see cref="TasksPerCore"/> · P equal, independent tasks of the amdahl workload's chunk
/// kernel (a SHA-256 chain, no serial part) at parallelism P — several per core, so a core that is slower for a while
/// takes fewer of them, as with a job's tasks (exactly P tasks measure the slowest core's makespan instead: on this VM
/// that read C(2) = 1.30–1.69 while 8-task jobs got 1.66–1.94×), through the same cluster and dispatch as the job, so it runs where the work runs,
/// also on a multi-process cluster. One task's length is sized once, on first use, to the job's P = 1 wall time clamped
/// to [<see cref="MinTaskSeconds"/>, <see cref="MaxTaskSeconds"/>], from a probe of <see cref="ProbeSteps"/> steps
/// run twice at P = 1 (the first activates the control's path, the second's task compute time gives the rate, so the
/// job's fixed cost does not shorten the estimate).
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

    private async Task<JobStatus> RunJobAsync(int p, int tasks, long chunkSteps, CancellationToken cancellationToken)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["serialSteps"] = "0",
            ["chunkSteps"] = chunkSteps.ToString(CultureInfo.InvariantCulture),
            ["tasks"] = tasks.ToString(CultureInfo.InvariantCulture),
        };
        var status = await runner.RunAsync(new JobSpec(ControlWorkload, parameters, JobMode.Scatter, p), (_, _, _) => { }, cancellationToken);
        if (status.State != JobState.Completed || status.Profile is null)
        {
            throw new CliException(ExitCodes.JobFailed, $"capacity-control job {status.JobId} (P={p}) failed: {status.Error}");
        }

        return status;
    }
}
