using SerialCluster.Abstractions.Jobs;
using SerialCluster.Kernels.Plans;

namespace SerialCluster.Grains.Execution;

/// <summary>Sums one stage's task timings as they arrive: work seconds, the slowest task, and tasks per silo.</summary>
public sealed class StageAccumulator(int index, StageSpec spec)
{
    private double _work;
    private double _span;
    private int _tasks;

    public Dictionary<string, int> Silos { get; } = new(StringComparer.Ordinal);

    public void Add(double seconds, string silo)
    {
        _work += seconds;
        _span = Math.Max(_span, seconds);
        _tasks++;
        Silos[silo] = Silos.GetValueOrDefault(silo) + 1;
    }

    public StageProfile ToProfile(double wallSeconds) =>
        new(index, spec.Name, spec.Kind.ToString().ToLowerInvariant(), _tasks, wallSeconds, _work, _span, spec.WorkUnits, spec.SpanUnits);
}
