using SerialCluster.Kernels.Plans;

namespace SerialCluster.Kernels.Analysis;

/// <summary>Pure functions over a plan's units and measured seconds: the laws every report quotes.</summary>
public static class SpeedupBounds
{
    /// <summary>
    /// The most speedup P processors can give this plan, from its structure alone: a stage with a barrier
    /// after it takes at least max(W_s/P, S_s), so S(P) ≤ W / Σ_s max(W_s/P, S_s). For a chain then a wide
    /// stage this is exactly Amdahl's law; for one wide stage of equal tasks it is min(P, tasks).
    /// </summary>
    public static double PlanBound(IReadOnlyList<StageSpec> stages, int processors)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(processors, 1);
        double work = 0;
        double time = 0;
        foreach (var stage in stages)
        {
            work += stage.WorkUnits;
            time += Math.Max((double)stage.WorkUnits / processors, stage.SpanUnits);
        }

        return time > 0 ? work / time : 1.0;
    }

    /// <summary>Amdahl's law: S(P) = 1 / (f + (1 − f)/P).</summary>
    public static double Amdahl(double serialFraction, int processors) =>
        1.0 / (serialFraction + ((1.0 - serialFraction) / processors));

    /// <summary>Karp–Flatt experimentally determined serial fraction e = (1/S − 1/P) / (1 − 1/P); undefined at P = 1.</summary>
    public static double KarpFlatt(double speedup, int processors) =>
        processors <= 1 ? double.NaN : ((1.0 / speedup) - (1.0 / processors)) / (1.0 - (1.0 / processors));
}
