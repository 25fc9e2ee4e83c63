using System.Diagnostics;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Kernels.Plans;

namespace SerialCluster.Grains.Execution;

/// <summary>
/// Sums one stage's task timings as they arrive: work seconds, the slowest task, and tasks per silo. Given the job's
/// start (a <see cref="Stopwatch"/> timestamp), it also records when the stage started and each task's dispatch-to-result
/// interval, up to <see cref="TaskSpans.MaxPerStage"/> tasks; beyond that, per silo aggregates.
/// </summary>
public sealed class StageAccumulator(int index, StageSpec spec, long jobStartTimestamp = 0)
{
    private readonly double _startSeconds = jobStartTimestamp == 0 ? 0 : Stopwatch.GetElapsedTime(jobStartTimestamp).TotalSeconds;
    private readonly List<TaskSpan> _spans = [];
    private double _work;
    private double _span;
    private int _tasks;
    private int _calls;

    public Dictionary<string, int> Silos { get; } = new(StringComparer.Ordinal);

    /// <summary>Counts one worker call sent for this stage (one task, or a batch of them).</summary>
    public void Called() => _calls++;

    /// <summary>Adds a finished task; <paramref name="startedTimestamp"/> is when it was dispatched (0: not timed).</summary>
    public void Add(double seconds, string silo, long startedTimestamp = 0)
    {
        _work += seconds;
        _span = Math.Max(_span, seconds);
        _tasks++;
        Silos[silo] = Silos.GetValueOrDefault(silo) + 1;
        if (jobStartTimestamp != 0 && startedTimestamp != 0)
        {
            var start = (double)(startedTimestamp - jobStartTimestamp) / Stopwatch.Frequency;
            var end = Stopwatch.GetElapsedTime(jobStartTimestamp).TotalSeconds;
            _spans.Add(new TaskSpan(silo, start, end, seconds));
            if (_spans.Count > TaskSpans.MaxPerStage)
            {
                var folded = TaskSpans.PerSilo(_spans);
                _spans.Clear();
                _spans.AddRange(folded);
            }
        }
    }

    public StageProfile ToProfile(double wallSeconds) =>
        new(index, spec.Name, spec.Kind.ToString().ToLowerInvariant(), _tasks, wallSeconds, _work, _span, spec.WorkUnits, spec.SpanUnits,
            _startSeconds, jobStartTimestamp == 0 ? null : [.. _spans], _calls);
}
