using System.Buffers.Binary;
using System.Numerics;

namespace SerialCluster.Workloads.Rollout;

/// <summary>
/// Exact integer sums of fixed-point returns (<see cref="RolloutKernel.FractionBits"/>): they add in any order to the same bits, and the mean
/// and the sample variance are formed once from them, the variance as (N·ΣG² − (ΣG)²) / (N·(N − 1)) in big integers before the one rounding.
/// </summary>
public readonly record struct RolloutSums(long Count, Int128 Sum, Int128 SumOfSquares)
{
    public const int Bytes = 40;

    public RolloutSums Add(RolloutSums other) => new(Count + other.Count, Sum + other.Sum, SumOfSquares + other.SumOfSquares);

    /// <summary>The mean return.</summary>
    public double Mean => Math.ScaleB((double)Sum / Count, -RolloutKernel.FractionBits);

    /// <summary>The standard error of the mean: sqrt(sample variance / N).</summary>
    public double StandardError
    {
        get
        {
            var count = new BigInteger(Count);
            var sum = ToBig(Sum);
            var numerator = (count * ToBig(SumOfSquares)) - (sum * sum);
            var variance = Math.ScaleB((double)numerator / ((double)Count * (Count - 1)), -2 * RolloutKernel.FractionBits);
            return Math.Sqrt(variance / Count);
        }
    }

    public byte[] ToBytes()
    {
        var bytes = new byte[Bytes];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, Count);
        BinaryPrimitives.WriteInt128LittleEndian(bytes.AsSpan(8), Sum);
        BinaryPrimitives.WriteInt128LittleEndian(bytes.AsSpan(24), SumOfSquares);
        return bytes;
    }

    public static RolloutSums FromBytes(ReadOnlySpan<byte> bytes) =>
        new(
            BinaryPrimitives.ReadInt64LittleEndian(bytes),
            BinaryPrimitives.ReadInt128LittleEndian(bytes[8..]),
            BinaryPrimitives.ReadInt128LittleEndian(bytes[24..]));

    private static BigInteger ToBig(Int128 value) => value;
}
