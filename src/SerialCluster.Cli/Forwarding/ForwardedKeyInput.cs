using System.Buffers.Binary;
using Spectre.Console;

namespace SerialCluster.Cli.Forwarding;

/// <summary>
/// The keyboard of a forwarded command: a prompt's key is read by the client from its own terminal, one frame each way.
/// The session's reader hands each <see cref="CommandFrameKind.Key"/> frame to <see cref="Deliver"/>.
/// </summary>
public sealed class ForwardedKeyInput(Stream stream, Lock gate, CancellationToken commandCancelled) : IAnsiConsoleInput
{
    private TaskCompletionSource<ConsoleKeyInfo?>? _waiting;

    public bool IsKeyAvailable() => false;

    public ConsoleKeyInfo? ReadKey(bool intercept) => ReadKeyAsync(intercept, commandCancelled).GetAwaiter().GetResult();

    public async Task<ConsoleKeyInfo?> ReadKeyAsync(bool intercept, CancellationToken cancellationToken)
    {
        var waiting = new TaskCompletionSource<ConsoleKeyInfo?>(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _waiting, waiting);
        lock (gate)
        {
            CommandFrame.Write(stream, CommandFrameKind.ReadKey, [intercept ? (byte)1 : (byte)0]);
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, commandCancelled);
        return await waiting.Task.WaitAsync(linked.Token);
    }

    /// <summary>The client's answer to the last <see cref="CommandFrameKind.ReadKey"/>; an empty payload is no key (input closed).</summary>
    public void Deliver(byte[] payload) => Interlocked.Exchange(ref _waiting, null)?.TrySetResult(Decode(payload));

    public static byte[] Encode(ConsoleKeyInfo? key)
    {
        if (key is not { } k)
        {
            return [];
        }

        var bytes = new byte[10];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, k.KeyChar);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(2), (int)k.Key);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(6), (int)k.Modifiers);
        return bytes;
    }

    public static ConsoleKeyInfo? Decode(byte[] payload)
    {
        if (payload.Length < 10)
        {
            return null;
        }

        var modifiers = (ConsoleModifiers)BinaryPrimitives.ReadInt32LittleEndian(payload.AsSpan(6));
        return new ConsoleKeyInfo(
            (char)BinaryPrimitives.ReadUInt16LittleEndian(payload),
            (ConsoleKey)BinaryPrimitives.ReadInt32LittleEndian(payload.AsSpan(2)),
            modifiers.HasFlag(ConsoleModifiers.Shift),
            modifiers.HasFlag(ConsoleModifiers.Alt),
            modifiers.HasFlag(ConsoleModifiers.Control));
    }
}
