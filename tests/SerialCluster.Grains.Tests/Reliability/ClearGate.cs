namespace SerialCluster.Grains.Tests.Reliability;

/// <summary>Holds chain-checkpoint clears (<see cref="HeldClearStorage"/>) until <see cref="Open"/>; counts how many waited.</summary>
public sealed class ClearGate
{
    private readonly TaskCompletionSource _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _held;

    public int Held => Volatile.Read(ref _held);

    public Task WaitAsync()
    {
        Interlocked.Increment(ref _held);
        return _opened.Task;
    }

    public void Open() => _opened.TrySetResult();
}
