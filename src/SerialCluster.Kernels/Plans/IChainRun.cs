namespace SerialCluster.Kernels.Plans;

/// <summary>
/// A serial chain in progress: a state plus a step function that advances it k steps at a time, so the
/// executor can choose the batch size from measured costs, report progress and stay responsive between batches.
/// </summary>
public interface IChainRun
{
    /// <summary>Steps in the whole chain.</summary>
    long TotalSteps { get; }

    /// <summary>Steps applied so far.</summary>
    long StepsDone { get; }

    /// <summary>Applies the next <paramref name="steps"/> steps (clamped to what remains).</summary>
    void Advance(long steps);

    /// <summary>The chain's output once every step is done.</summary>
    byte[] Output();
}
