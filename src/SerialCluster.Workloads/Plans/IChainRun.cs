namespace SerialCluster.Workloads.Plans;

/// <summary>
/// A serial chain in progress: a state plus a step function that advances it k steps at a time, so the
/// executor can choose the batch size from measured costs, report progress and stay responsive between batches.
/// Its state can be saved and restored, so a chain can be checkpointed and resumed on another silo.
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

    /// <summary>
    /// The state after <see cref="StepsDone"/> steps, as bytes. A chain of the same plan and stage that
    /// <see cref="Restore"/>s them continues exactly as this one would: the result is bit-identical.
    /// </summary>
    byte[] Checkpoint();

    /// <summary>Returns to a state saved by <see cref="Checkpoint"/> on a chain of the same plan and stage.</summary>
    /// <exception cref="InvalidDataException">The bytes are not such a state.</exception>
    void Restore(byte[] checkpoint);
}
