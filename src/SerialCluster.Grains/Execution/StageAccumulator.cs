using System.Diagnostics;
using System.Runtime.InteropServices;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Grains.Execution;

/// <summary>
/// Sums one stage's task timings as they arrive: work seconds, the slowest task, and tasks per silo. Given the job's
/// start (a <see cref="Stopwatch"/> timestamp), it also records when the stage started and each task's dispatch-to-result
/// interval, up to <see cref="TaskSpans.MaxPerStage"/> tasks; beyond that, per silo aggregates, added to in place
/// (no object per task: a stage of a million tasks allocates nothing here per task).
/// </summary>
public sealed class StageAccumulator(int index, StageSpec spec, long jobStartTimestamp = 0)
{
    private readonly double _startSeconds = jobStartTimestamp == 0 ? 0 : Stopwatch.GetElapsedTime(jobStartTimestamp).TotalSeconds;
    private readonly List<TaskSpan> _spans = [];
    private Dictionary<string, SiloSpan>? _perSilo;
    private double _work;
    private double _span;
    private int _tasks;
    private int _calls;
    private double _build;

    public Dictionary<string, int> Silos { get; } = new(StringComparer.Ordinal);

    /// <summary>Counts one worker call sent for this stage (one task, or a batch of them).</summary>
    public void Called() => _calls++;

    /// <summary>Adds seconds a silo spent building the job's plan before it ran this stage's tasks (setup, not work).</summary>
    public void Built(double seconds) => _build += seconds;

    /// <summary>Adds a finished task; <paramref name="startedTimestamp"/> is when it was dispatched (0: not timed).</summary>
    public void Add(double seconds, string silo, long startedTimestamp = 0)
    {
        _work += seconds;
        _span = Math.Max(_span, seconds);
        _tasks++;
        ref var tasks = ref CollectionsMarshal.GetValueRefOrAddDefault(Silos, silo, out _);
        tasks++;
        if (jobStartTimestamp == 0 || startedTimestamp == 0)
        {
            return;
        }

        var start = (double)(startedTimestamp - jobStartTimestamp) / Stopwatch.Frequency;
        var end = Stopwatch.GetElapsedTime(jobStartTimestamp).TotalSeconds;
        if (_perSilo is null)
        {
            _spans.Add(new TaskSpan(silo, start, end, seconds));
            if (_spans.Count > TaskSpans.MaxPerStage)
            {
                _perSilo = new Dictionary<string, SiloSpan>(StringComparer.Ordinal);
                foreach (var folded in TaskSpans.PerSilo(_spans))
                {
                    _perSilo[folded.Silo] = new SiloSpan(folded.StartSeconds, folded.EndSeconds, folded.KernelSeconds, folded.Tasks);
                }

                _spans.Clear();
            }

            return;
        }

        ref var aggregate = ref CollectionsMarshal.GetValueRefOrAddDefault(_perSilo, silo, out var existed);
        aggregate = existed
            ? new SiloSpan(Math.Min(aggregate.Start, start), Math.Max(aggregate.End, end), aggregate.Kernel + seconds, aggregate.Tasks + 1)
            : new SiloSpan(start, end, seconds, 1);
    }

    public StageProfile ToProfile(double wallSeconds) =>
        new(index, spec.Name, spec.Kind.ToString().ToLowerInvariant(), _tasks, wallSeconds, _work, _span, spec.WorkUnits, spec.SpanUnits,
            _startSeconds, jobStartTimestamp == 0 ? null : Spans(), _calls, _build);

    private List<TaskSpan> Spans() => _perSilo is null
        ? [.. _spans]
        : [.. _perSilo.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => new TaskSpan(s.Key, s.Value.Start, s.Value.End, s.Value.Kernel, s.Value.Tasks))];
}
