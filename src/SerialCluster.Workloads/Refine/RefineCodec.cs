using System.Buffers.Binary;

namespace SerialCluster.Workloads.Refine;

/// <summary>
/// Task bytes. Input: the history (per earlier round, positions correct; task 0 only, empty elsewhere), the block's
/// states, then the states of the block shifted left by the round's reach (clipped at position 0). Output: positions
/// correct and final in the block after this round, the history passed on, then the block's new states.
/// </summary>
internal static class RefineCodec
{
    public const int OutputHeaderWords = 2;

    public static byte[] Input(IReadOnlyList<long> history, int states)
    {
        var bytes = new byte[(8 * (1 + history.Count)) + (states * RefineState.Bytes)];
        WriteHistory(bytes, 0, history);
        return bytes;
    }

    public static byte[] Output(long correct, long final, IReadOnlyList<long> history, int states)
    {
        var bytes = new byte[(8 * (OutputHeaderWords + 1 + history.Count)) + (states * RefineState.Bytes)];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, correct);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(8), final);
        WriteHistory(bytes, 8 * OutputHeaderWords, history);
        return bytes;
    }

    public static long Correct(byte[] output) => BinaryPrimitives.ReadInt64LittleEndian(output);

    public static long Final(byte[] output) => BinaryPrimitives.ReadInt64LittleEndian(output.AsSpan(8));

    /// <summary>The history in an input (at 0) or an output (after its header).</summary>
    public static long[] History(byte[] bytes, bool isOutput)
    {
        var at = isOutput ? 8 * OutputHeaderWords : 0;
        var count = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(at));
        var history = new long[count];
        for (var k = 0; k < count; k++)
        {
            history[k] = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(at + (8 * (k + 1))));
        }

        return history;
    }

    /// <summary>The byte offset of the states in an input or output.</summary>
    public static int StatesAt(byte[] bytes, bool isOutput)
    {
        var at = isOutput ? 8 * OutputHeaderWords : 0;
        return at + (8 * (1 + (int)BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(at))));
    }

    private static void WriteHistory(byte[] bytes, int at, IReadOnlyList<long> history)
    {
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(at), history.Count);
        for (var k = 0; k < history.Count; k++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(at + (8 * (k + 1))), history[k]);
        }
    }
}
