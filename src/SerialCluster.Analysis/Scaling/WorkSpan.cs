namespace SerialCluster.Analysis.Scaling;

/// <summary>
/// What one measured job says about its own structure: work T1 (summed task seconds), span T∞ (summed slowest task per
/// stage), tasks and stages dispatched, and the measured dispatch cost per task (the job's wall time not spent computing,
/// divided by its tasks).
/// </summary>
public sealed record WorkSpan(double WorkSeconds, double SpanSeconds, int Tasks, int Stages, double DispatchSeconds)
{
    /// <summary>Work–span law: no schedule on P processors beats max(T1/P, T∞).</summary>
    public double LowerBound(int p) => Math.Max(WorkSeconds / p, SpanSeconds);

    /// <summary>Brent's theorem: a greedy schedule takes at most T1/P + T∞.</summary>
    public double Brent(int p) => (WorkSeconds / p) + SpanSeconds;

    /// <summary>
    /// Brent's bound burdened with dispatch: each task costs one measured dispatch (shared over P slots), and each
    /// stage's critical task pays one on the critical path: T1/P + T∞ + h·(tasks/P + stages).
    /// </summary>
    public double Burdened(int p) => Brent(p) + (DispatchSeconds * (((double)Tasks / p) + Stages));

    /// <summary>T1/T∞: the most processors the job can keep busy on average.</summary>
    public double Parallelism => SpanSeconds > 0 ? WorkSeconds / SpanSeconds : 1;
}
