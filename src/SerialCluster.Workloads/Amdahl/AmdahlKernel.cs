using System.Buffers.Binary;
using System.Security.Cryptography;
using SerialCluster.Workloads.Hashing;

namespace SerialCluster.Workloads.Amdahl;

/// <summary>
/// One parallel chunk: step 1 is SHA-256(origin ‖ i as 8 bytes little-endian), where origin is the serial chain's
/// digest (the seed itself when there are no serial steps); every further step is SHA-256 of the last 32-byte
/// digest, as in hashchain. Seeding from the chain's result is what keeps the phases from overlapping.
/// </summary>
public static class AmdahlKernel
{
    private const long CancellationCheckInterval = 1 << 16;

    /// <summary>Writes the chunk's first step into <paramref name="state"/> (32 bytes).</summary>
    public static void StartChunk(ReadOnlySpan<byte> origin, long index, Span<byte> state)
    {
        var length = origin.Length + sizeof(long);
        var message = length <= 256 ? stackalloc byte[length] : new byte[length];
        origin.CopyTo(message);
        BinaryPrimitives.WriteInt64LittleEndian(message[origin.Length..], index);
        SHA256.HashData(message, state);
    }

    /// <summary>The digest of chunk <paramref name="index"/> after <paramref name="steps"/> steps (at least one).</summary>
    public static byte[] RunChunk(ReadOnlySpan<byte> origin, long index, long steps, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        var state = new byte[32];
        StartChunk(origin, index, state);
        for (var remaining = steps - 1; remaining > 0; remaining -= CancellationCheckInterval)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Sha256Chain.Iterate(state, Math.Min(remaining, CancellationCheckInterval));
        }

        return state;
    }
}
