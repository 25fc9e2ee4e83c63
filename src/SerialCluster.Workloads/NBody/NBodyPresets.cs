using SerialCluster.Workloads.Randomness;

namespace SerialCluster.Workloads.NBody;

/// <summary>The initial conditions each <c>preset</c> names.</summary>
public static class NBodyPresets
{
    /// <summary>Mass of the light body of <see cref="Kepler"/>; the heavy one has mass 1.</summary>
    public const double KeplerSecondaryMass = 1e-3;

    /// <summary>
    /// Chenciner &amp; Montgomery's figure-eight choreography (2000), with Simó's initial values: unit masses,
    /// x1 = −x2 = (0.97000436, −0.24308753, 0), x3 = 0, v3 = (−0.93240737, −0.86473146, 0), v1 = v2 = −v3/2.
    /// Period T ≈ 6.32591398; after T/3 the bodies have traded places.
    /// </summary>
    public static NBodySystem FigureEight()
    {
        const double x1 = 0.97000436;
        const double y1 = -0.24308753;
        const double vx3 = -0.93240737;
        const double vy3 = -0.86473146;
        var system = new NBodySystem(3);
        system.Set(0, 1.0, x1, y1, 0.0, -vx3 / 2, -vy3 / 2, 0.0);
        system.Set(1, 1.0, -x1, -y1, 0.0, -vx3 / 2, -vy3 / 2, 0.0);
        system.Set(2, 1.0, 0.0, 0.0, 0.0, vx3, vy3, 0.0);
        return system;
    }

    /// <summary>
    /// A two-body orbit with masses 1 and <see cref="KeplerSecondaryMass"/>, semi-major axis 1 and the given
    /// eccentricity, started at pericentre on the x axis and moving towards +y, centre of mass at rest at the
    /// origin. Its period is 2π·sqrt(a³/(m1 + m2)).
    /// </summary>
    public static NBodySystem Kepler(double eccentricity)
    {
        const double primary = 1.0;
        const double secondary = KeplerSecondaryMass;
        const double total = primary + secondary;
        var pericentre = 1.0 - eccentricity;
        var speed = Math.Sqrt(total * (1.0 + eccentricity) / pericentre);
        var system = new NBodySystem(2);
        system.Set(0, primary, -secondary / total * pericentre, 0.0, 0.0, 0.0, -secondary / total * speed, 0.0);
        system.Set(1, secondary, primary / total * pericentre, 0.0, 0.0, 0.0, primary / total * speed, 0.0);
        return system;
    }

    /// <summary>
    /// <paramref name="count"/> bodies of mass 1/count, drawn in body order from SplitMix64 of <paramref name="seed"/>: a position, then a velocity, each
    /// uniform in the unit ball by rejection (three outputs u → 2u − 1 per try, kept when x² + y² + z² ≤ 1). ⟨v²⟩ = 3/5 is about virial equilibrium for
    /// a uniform sphere of mass 1 and radius 1. Not re-centred: the total momentum is whatever the draw gives.
    /// </summary>
    public static NBodySystem Random(int count, ulong seed)
    {
        var system = new NBodySystem(count);
        ulong next = 0;
        var mass = 1.0 / count;
        for (var i = 0; i < count; i++)
        {
            var (x, y, z) = InUnitBall(seed, ref next);
            var (vx, vy, vz) = InUnitBall(seed, ref next);
            system.Set(i, mass, x, y, z, vx, vy, vz);
        }

        return system;
    }

    private static (double X, double Y, double Z) InUnitBall(ulong seed, ref ulong next)
    {
        while (true)
        {
            var x = (2.0 * SplitMix64.ToUnitInterval(SplitMix64.At(seed, next))) - 1.0;
            var y = (2.0 * SplitMix64.ToUnitInterval(SplitMix64.At(seed, next + 1))) - 1.0;
            var z = (2.0 * SplitMix64.ToUnitInterval(SplitMix64.At(seed, next + 2))) - 1.0;
            next += 3;
            if ((x * x) + (y * y) + (z * z) <= 1.0)
            {
                return (x, y, z);
            }
        }
    }
}
