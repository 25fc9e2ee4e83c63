using System.Buffers.Binary;

namespace SerialCluster.Cli.Forwarding;

/// <summary>
/// One message on a command server's socket: a kind byte, a 4-byte little-endian length, the payload. Frames are small
/// and few (a command's output lines), so a plain stream with a lock around each write is all the transport needs.
/// </summary>
public readonly record struct CommandFrame(CommandFrameKind Kind, byte[] Payload)
{
    /// <summary>A payload larger than this is a broken peer, not a command's output.</summary>
    public const int MaxPayload = 64 << 20;

    public static async Task WriteAsync(Stream stream, CommandFrameKind kind, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var header = new byte[5];
        header[0] = (byte)kind;
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(1), payload.Length);
        await stream.WriteAsync(header, cancellationToken);
        await stream.WriteAsync(payload, cancellationToken);
        await stream.FlushAsync(cancellationToken);
    }

    public static void Write(Stream stream, CommandFrameKind kind, ReadOnlySpan<byte> payload)
    {
        Span<byte> header = stackalloc byte[5];
        header[0] = (byte)kind;
        BinaryPrimitives.WriteInt32LittleEndian(header[1..], payload.Length);
        stream.Write(header);
        stream.Write(payload);
        stream.Flush();
    }

    /// <summary>The next frame; null at the end of the stream (the peer closed it).</summary>
    public static async Task<CommandFrame?> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var header = new byte[5];
        if (await stream.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken) < header.Length)
        {
            return null;
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(1));
        if (length is < 0 or > MaxPayload)
        {
            throw new InvalidDataException($"a command frame of {length} bytes (at most {MaxPayload} allowed)");
        }

        var payload = new byte[length];
        await stream.ReadExactlyAsync(payload, cancellationToken);
        return new CommandFrame((CommandFrameKind)header[0], payload);
    }
}
