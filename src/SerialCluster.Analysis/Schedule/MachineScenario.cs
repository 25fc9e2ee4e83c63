using System.Globalization;

namespace SerialCluster.Analysis.Schedule;

/// <summary>
/// A hypothetical machine: this many cores, each <see cref="Speed"/> times as fast as the measured ones; or, made with
/// <see cref="Heterogeneous"/>, cores of different speeds (<see cref="CoreSpeeds"/>, fastest first; then
/// <see cref="Speed"/> is the fastest core's, where chains run).
/// </summary>
public sealed record MachineScenario(int Cores, double Speed)
{
    /// <summary>Each core's speed factor, fastest first; null when every core runs at <see cref="Speed"/>.</summary>
    public IReadOnlyList<double>? CoreSpeeds { get; private init; }

    public bool IsHeterogeneous => CoreSpeeds is not null;

    /// <summary>A machine whose cores run at these speed factors (1 = a measured core), in any order.</summary>
    public static MachineScenario Heterogeneous(IReadOnlyList<double> speeds)
    {
        ArgumentNullException.ThrowIfNull(speeds);
        if (speeds.Count == 0)
        {
            throw new ArgumentException("a machine needs at least one core speed", nameof(speeds));
        }

        foreach (var speed in speeds)
        {
            if (!double.IsFinite(speed) || speed <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(speeds), speed, "every core speed must be a finite number above 0");
            }
        }

        double[] sorted = [.. speeds.OrderDescending()];
        return new MachineScenario(sorted.Length, sorted[0]) { CoreSpeeds = sorted };
    }

    /// <summary>The speed of core <paramref name="core"/> (0 = the fastest).</summary>
    public double SpeedOf(int core) => CoreSpeeds is { } speeds ? speeds[core] : Speed;

    /// <summary>"2 × 1.5" for identical cores, "[1, 0.5]" for cores of different speeds.</summary>
    public string Describe() => CoreSpeeds is { } speeds
        ? "[" + string.Join(", ", speeds.Select(s => s.ToString("0.###", CultureInfo.InvariantCulture))) + "]"
        : string.Create(CultureInfo.InvariantCulture, $"{Cores} × {Speed:0.###}");

    public bool Equals(MachineScenario? other) =>
        other is not null && Cores == other.Cores && Speed.Equals(other.Speed) &&
        (CoreSpeeds is null ? other.CoreSpeeds is null : other.CoreSpeeds is not null && CoreSpeeds.SequenceEqual(other.CoreSpeeds));

    public override int GetHashCode() => HashCode.Combine(Cores, Speed, CoreSpeeds?.Count ?? -1);
}
