using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace SerialCluster.Workloads.Hashing;

/// <summary>
/// Iterates x ← SHA-256(x) on 32-byte values. One hash of 32 bytes is one compression of a fixed padded block, so with OpenSSL's libcrypto present a
/// step is one call to its block function (SHA-NI where available), skipping the per-call overhead of
/// <see cref="SHA256.HashData(ReadOnlySpan{byte}, Span{byte})"/> that otherwise dominates a chain. Tests check both paths against published vectors.
/// </summary>
public static unsafe class Sha256Chain
{
    private static readonly uint[] InitialHash =
    [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
    ];

    private static readonly delegate* unmanaged[SuppressGCTransition]<Sha256Context*, byte*, void> Transform = LoadTransform();

    /// <summary>Which implementation iterates the chain on this machine.</summary>
    public static string Implementation => Transform != null ? "libcrypto SHA256_Transform" : ".NET SHA256.HashData";

    /// <summary>True when the native block function is in use.</summary>
    public static bool IsNative => Transform != null;

    /// <summary>Applies SHA-256 <paramref name="steps"/> times to the 32-byte <paramref name="state"/>, in place.</summary>
    public static void Iterate(Span<byte> state, long steps)
    {
        if (state.Length != 32)
        {
            throw new ArgumentException("A chain state is exactly 32 bytes.", nameof(state));
        }

        if (steps <= 0)
        {
            return;
        }

        if (Transform != null)
        {
            IterateNative(Transform, state, steps);
        }
        else
        {
            IterateManaged(state, steps);
        }
    }

    /// <summary>The portable path, also used by the tests to cross-check the native one.</summary>
    public static void IterateManaged(Span<byte> state, long steps)
    {
        for (long i = 0; i < steps; i++)
        {
            SHA256.HashData(state, state);
        }
    }

    private static void IterateNative(
        delegate* unmanaged[SuppressGCTransition]<Sha256Context*, byte*, void> transform, Span<byte> state, long steps)
    {
        // The padded block for a 32-byte message: message, 0x80, zeros, bit length 256 (big-endian).
        var block = stackalloc byte[64];
        new Span<byte>(block, 64).Clear();
        block[32] = 0x80;
        block[62] = 0x01; // 256 = 0x0100
        state.CopyTo(new Span<byte>(block, 32));

        Sha256Context context;
        var words = (uint*)&context;
        for (long i = 0; i < steps; i++)
        {
            for (var w = 0; w < 8; w++)
            {
                words[w] = InitialHash[w];
            }

            transform(&context, block);
            for (var w = 0; w < 8; w++)
            {
                BinaryPrimitives.WriteUInt32BigEndian(new Span<byte>(block + (4 * w), 4), words[w]);
            }
        }

        new Span<byte>(block, 32).CopyTo(state);
    }

    private static delegate* unmanaged[SuppressGCTransition]<Sha256Context*, byte*, void> LoadTransform()
    {
        if (Environment.GetEnvironmentVariable("SERIALCLUSTER_MANAGED_SHA256") == "1")
        {
            return null;
        }

        foreach (var name in new[] { "libcrypto.so.3", "libcrypto.so", "libcrypto.3.dylib" })
        {
            if (NativeLibrary.TryLoad(name, out var handle) &&
                NativeLibrary.TryGetExport(handle, "SHA256_Transform", out var export))
            {
                var candidate = (delegate* unmanaged[SuppressGCTransition]<Sha256Context*, byte*, void>)export;
                if (SelfTest(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private static bool SelfTest(delegate* unmanaged[SuppressGCTransition]<Sha256Context*, byte*, void> transform)
    {
        Span<byte> viaManaged = stackalloc byte[32];
        Span<byte> viaNative = stackalloc byte[32];
        for (var i = 0; i < 32; i++)
        {
            viaManaged[i] = viaNative[i] = (byte)(i * 7);
        }

        IterateManaged(viaManaged, 3);
        IterateNative(transform, viaNative, 3);
        return viaNative.SequenceEqual(viaManaged);
    }

    /// <summary>OpenSSL's SHA256_CTX: h[8], Nl, Nh, data[16], num, md_len (112 bytes).</summary>
    [StructLayout(LayoutKind.Sequential, Size = 112)]
    private struct Sha256Context
    {
        private readonly uint _h0;
    }
}
