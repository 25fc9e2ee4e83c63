namespace SerialCluster.Grains.Ladder;

/// <summary>The ladder's chain: SHA-256 iterated on a 32-byte state (the hashchain workload's step).</summary>
public static class LadderChain
{
    public const int StateBytes = 32;

    /// <summary>Refuses a state that is not 32 bytes, naming what it got.</summary>
    public static void Require(byte[] state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Length != StateBytes)
        {
            throw new ArgumentException($"a ladder chain state is {StateBytes} bytes, not {state.Length}", nameof(state));
        }
    }
}
