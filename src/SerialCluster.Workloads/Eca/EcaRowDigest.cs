using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace SerialCluster.Workloads.Eca;

/// <summary>
/// Builds the result from the final row, fed left to right in pieces: <c>population</c> (ON cells) and
/// <c>rowSha256</c> (SHA-256 of the row as ASCII '0'/'1'), plus <c>centerColumn</c> when recorded.
/// </summary>
internal sealed class EcaRowDigest : IDisposable
{
    private const int BufferBytes = 1 << 16;

    // Byte b of a row (8 cells, leftmost in bit 0) as its 8 ASCII characters in one little-endian word.
    private static readonly ulong[] AsciiOfByte = CreateAsciiTable();

    private readonly IncrementalHash _sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly byte[] _buffer = new byte[BufferBytes];
    private int _filled;
    private long _population;

    /// <summary>Appends the first <paramref name="cells"/> cells of <paramref name="words"/>.</summary>
    public void Append(ReadOnlySpan<ulong> words, long cells)
    {
        _population += EcaBits.PopCount(words, cells);
        var fullBytes = cells >> 3;
        for (long i = 0; i < fullBytes; i++)
        {
            if (_filled + 8 > BufferBytes)
            {
                Flush();
            }

            var b = (int)((words[(int)(i >> 3)] >> (int)((i & 7) * 8)) & 0xFF);
            BinaryPrimitives.WriteUInt64LittleEndian(_buffer.AsSpan(_filled), AsciiOfByte[b]);
            _filled += 8;
        }

        for (var x = fullBytes << 3; x < cells; x++)
        {
            if (_filled == BufferBytes)
            {
                Flush();
            }

            _buffer[_filled++] = EcaBits.Get(words, x) ? (byte)'1' : (byte)'0';
        }
    }

    /// <summary>The result object; <paramref name="centerColumn"/> is added when not null.</summary>
    public JsonObject Result(string? centerColumn)
    {
        Flush();
        var result = new JsonObject
        {
            ["population"] = _population,
            ["rowSha256"] = Convert.ToHexStringLower(_sha.GetHashAndReset()),
        };
        if (centerColumn is not null)
        {
            result["centerColumn"] = centerColumn;
        }

        return result;
    }

    public void Dispose() => _sha.Dispose();

    private void Flush()
    {
        _sha.AppendData(_buffer, 0, _filled);
        _filled = 0;
    }

    private static ulong[] CreateAsciiTable()
    {
        var table = new ulong[256];
        for (var b = 0; b < 256; b++)
        {
            ulong word = 0;
            for (var k = 0; k < 8; k++)
            {
                word |= (ulong)('0' + ((b >> k) & 1)) << (8 * k);
            }

            table[b] = word;
        }

        return table;
    }
}
