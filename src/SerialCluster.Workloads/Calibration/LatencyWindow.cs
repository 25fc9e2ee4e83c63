namespace SerialCluster.Workloads.Calibration;

/// <summary>The most recent round-trip samples to one peer (a bounded ring) and their percentiles.</summary>
public sealed class LatencyWindow
{
    private readonly double[] _samples;
    private int _count;
    private int _next;

    public LatencyWindow(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _samples = new double[capacity];
    }

    /// <summary>Samples held now (at most the capacity).</summary>
    public int Count => _count;

    public void Add(double sample)
    {
        _samples[_next] = sample;
        _next = (_next + 1) % _samples.Length;
        _count = Math.Min(_count + 1, _samples.Length);
    }

    /// <summary>The nearest-rank percentile (0 &lt; <paramref name="percent"/> ≤ 100) of the held samples; NaN when empty.</summary>
    public double Percentile(double percent)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(percent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        if (_count == 0)
        {
            return double.NaN;
        }

        var sorted = _samples[.._count];
        Array.Sort(sorted);
        var rank = (int)Math.Ceiling(percent / 100 * _count);
        return sorted[Math.Clamp(rank, 1, _count) - 1];
    }
}
