namespace SerialCluster.CostModel.Costs;

/// <summary>
/// The median of the last <see cref="Capacity"/> values: robust to the outliers overhead measurements have (the
/// first job in a process pays for JIT compilation; a busy machine stalls one call), where a moving average would
/// carry one such value for many jobs. With two values it is the smaller (the first of two is the likelier stray).
/// </summary>
public sealed class RecentMedian(int capacity = RecentMedian.DefaultCapacity)
{
    public const int DefaultCapacity = 5;

    private readonly Queue<double> _values = new();

    public int Capacity { get; } = capacity;

    public int Count => _values.Count;

    public void Add(double? value)
    {
        if (value is not { } v || !double.IsFinite(v) || v < 0)
        {
            return;
        }

        _values.Enqueue(v);
        if (_values.Count > Capacity)
        {
            _values.Dequeue();
        }
    }

    /// <summary>The median, or null with fewer than <paramref name="minimumCount"/> values (and with none).</summary>
    public double? Value(int minimumCount = 1)
    {
        if (_values.Count == 0 || _values.Count < minimumCount)
        {
            return null;
        }

        var sorted = _values.Order().ToArray();
        return sorted.Length switch
        {
            1 => sorted[0],
            2 => sorted[0],
            _ when sorted.Length % 2 == 1 => sorted[sorted.Length / 2],
            _ => (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2,
        };
    }
}
