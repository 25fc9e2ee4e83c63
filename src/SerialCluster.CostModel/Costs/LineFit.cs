namespace SerialCluster.CostModel.Costs;

/// <summary>
/// A line y = a + b·x through the last <see cref="Capacity"/> points, each weighted decay^age / y², so the fit
/// minimises relative error. Both coefficients stay non-negative (a negative intercept puts the line through the
/// origin; a negative slope makes it flat, or with <c>growsWithX</c> through the origin): noise must never make a
/// thousand times the work free. With one distinct x the line is <paramref name="prior"/>'s shape scaled through it.
/// </summary>
public sealed class LineFit(int capacity = LineFit.DefaultCapacity, double decay = LineFit.DefaultDecay, bool growsWithX = false)
{
    public const int DefaultCapacity = 16;
    public const double DefaultDecay = 0.85;

    private readonly List<(double X, double Y)> _points = [];

    public int Capacity { get; } = capacity;

    public int Count => _points.Count;

    /// <summary>The smallest x among the points kept, or null with none.</summary>
    public double? MinX => _points.Count == 0 ? null : _points.Min(p => p.X);

    /// <summary>The largest x among the points kept, or null with none.</summary>
    public double? MaxX => _points.Count == 0 ? null : _points.Max(p => p.X);

    /// <summary>The median x among the points kept, or null with none.</summary>
    public double? MedianX => _points.Count == 0 ? null : _points.Select(p => p.X).Order().ElementAt(_points.Count / 2);

    public void Add(double x, double y)
    {
        if (!double.IsFinite(x) || !double.IsFinite(y) || x < 0 || y <= 0)
        {
            return;
        }

        _points.Add((x, y));
        if (_points.Count > Capacity)
        {
            _points.RemoveAt(0);
        }
    }

    public void Clear() => _points.Clear();

    /// <summary>The fitted (intercept, slope), or null with no points.</summary>
    /// <remarks>
    /// Two passes. Weights 1/y² make the first robust to a point far too slow but biased low with noisy data; the
    /// second weighs each point by 1/ŷ² from the first fit (unbiased for relative noise) and leaves out points more
    /// than <see cref="OutlierRatio"/>× off it, so a stray one still cannot pull it.
    /// </remarks>
    public (double Intercept, double Slope)? Fit((double Intercept, double Slope)? prior = null)
    {
        if (_points.Count == 0)
        {
            return null;
        }

        var first = Solve(prior, p => 1 / (p.Y * p.Y));
        return Solve(prior, p =>
        {
            var expected = first.Intercept + (first.Slope * p.X);
            return expected > 0 && p.Y < OutlierRatio * expected && p.Y * OutlierRatio > expected ? 1 / (expected * expected) : 0;
        }) is var second && !double.IsNaN(second.Slope) ? second : first;
    }

    /// <summary>How far off the first pass a point may be and still count in the second.</summary>
    public const double OutlierRatio = 3;

    private (double Intercept, double Slope) Solve((double Intercept, double Slope)? prior, Func<(double X, double Y), double> weight)
    {
        double sw = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
        double minX = double.MaxValue, maxX = double.MinValue;
        for (var i = 0; i < _points.Count; i++)
        {
            var (x, y) = _points[i];
            var w = Math.Pow(decay, _points.Count - 1 - i) * weight(_points[i]);
            if (!(w > 0))
            {
                continue;
            }

            sw += w;
            sx += w * x;
            sy += w * y;
            sxx += w * x * x;
            sxy += w * x * y;
            minX = Math.Min(minX, x);
            maxX = Math.Max(maxX, x);
        }

        if (sw <= 0)
        {
            return (double.NaN, double.NaN);
        }

        if (maxX - minX <= 1e-9 * Math.Max(1, maxX))
        {
            // One distinct x: scale the prior's shape (or a line through the origin) through the weighted mean.
            var meanX = sx / sw;
            var meanY = sy / sw;
            if (prior is { } p && p.Intercept + (p.Slope * meanX) > 0)
            {
                var k = meanY / (p.Intercept + (p.Slope * meanX));
                return (k * p.Intercept, k * p.Slope);
            }

            return meanX > 0 ? (0, meanY / meanX) : (meanY, 0);
        }

        var det = (sw * sxx) - (sx * sx);
        var slope = ((sw * sxy) - (sx * sy)) / det;
        var intercept = (sy - (slope * sx)) / sw;
        if (slope < 0)
        {
            return growsWithX ? (0, sxy / sxx) : (sy / sw, 0);
        }

        if (intercept < 0)
        {
            return (0, sxy / sxx);
        }

        return (intercept, slope);
    }
}
