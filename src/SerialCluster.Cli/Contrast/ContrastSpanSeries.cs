namespace SerialCluster.Cli.Contrast;

/// <summary>
/// A span-against-size series of <c>contrast</c>: one side of a pair run at its sized size divided by each of
/// <see cref="Divisors"/> (and at the size itself, already measured), to fit the slope of its span against the size.
/// </summary>
public sealed record ContrastSpanSeries(string PairId, int Side, IReadOnlyList<long> Divisors)
{
    public static readonly IReadOnlyList<long> DefaultDivisors = [64, 8];
}
