using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SerialCluster.Workloads.NBody;

/// <summary>
/// Direct-summation gravity (G = 1) and the integrator's elementwise updates. Every floating-point order is fixed:
/// body i's acceleration sums over ALL j in four lanes (lane l takes j ≡ l mod 4, in increasing j), then
/// (lane0 + lane1) + (lane2 + lane3). The same code computes every body, so the bits do not depend on which
/// block of bodies a task owns, on the hardware's vector width, or on the mode; no Newton's-third-law pairing.
/// </summary>
public static class NBodyKernel
{
    /// <summary>The fixed lane count of the reduction (Vector256 of doubles, emulated where not accelerated).</summary>
    public const int Lanes = 4;

    /// <summary><paramref name="count"/> rounded up to a multiple of <see cref="Lanes"/>.</summary>
    public static int Padded(int count) => (count + Lanes - 1) & ~(Lanes - 1);

    /// <summary>
    /// For bodies i in [<paramref name="first"/>, <paramref name="end"/>): a_i = Σ_j m_j d / (|d|² + ε²)^(3/2) and
    /// φ_i = Σ_j m_j / (|d|² + ε²)^(1/2) with d = x_j − x_i, written at index i − first. Pairs at zero separation
    /// (the body itself, padding at the same point, exact collisions) contribute nothing. Position and mass spans
    /// have the padded length: padding has mass 0.
    /// </summary>
    public static void Accelerations(
        ReadOnlySpan<double> x,
        ReadOnlySpan<double> y,
        ReadOnlySpan<double> z,
        ReadOnlySpan<double> mass,
        double softening2,
        int first,
        int end,
        Span<double> ax,
        Span<double> ay,
        Span<double> az,
        Span<double> phi)
    {
        var vx = MemoryMarshal.Cast<double, Vector256<double>>(x);
        var vy = MemoryMarshal.Cast<double, Vector256<double>>(y);
        var vz = MemoryMarshal.Cast<double, Vector256<double>>(z);
        var vm = MemoryMarshal.Cast<double, Vector256<double>>(mass);
        if (vx.Length * Lanes != x.Length || vy.Length != vx.Length || vz.Length != vx.Length || vm.Length != vx.Length)
        {
            throw new ArgumentException("Positions and masses must share one padded length.", nameof(x));
        }

        var eps2 = Vector256.Create(softening2);
        var one = Vector256.Create(1.0);
        for (var i = first; i < end; i++)
        {
            var xi = Vector256.Create(x[i]);
            var yi = Vector256.Create(y[i]);
            var zi = Vector256.Create(z[i]);
            var sumX = Vector256<double>.Zero;
            var sumY = Vector256<double>.Zero;
            var sumZ = Vector256<double>.Zero;
            var sumPhi = Vector256<double>.Zero;
            for (var k = 0; k < vx.Length; k++)
            {
                var dx = vx[k] - xi;
                var dy = vy[k] - yi;
                var dz = vz[k] - zi;
                var d2 = (dx * dx) + (dy * dy) + (dz * dz);
                var inverse = one / Vector256.Sqrt(d2 + eps2);
                inverse = Vector256.ConditionalSelect(Vector256.GreaterThan(d2, Vector256<double>.Zero), inverse, Vector256<double>.Zero);
                var massOverR = vm[k] * inverse;
                var scale = massOverR * inverse * inverse;
                sumX += dx * scale;
                sumY += dy * scale;
                sumZ += dz * scale;
                sumPhi += massOverR;
            }

            var o = i - first;
            ax[o] = Reduce(sumX);
            ay[o] = Reduce(sumY);
            az[o] = Reduce(sumZ);
            phi[o] = Reduce(sumPhi);
        }
    }

    /// <summary>v += a·h, elementwise: a (half) kick.</summary>
    public static void Kick(Span<double> velocity, ReadOnlySpan<double> acceleration, double h)
    {
        for (var i = 0; i < velocity.Length; i++)
        {
            velocity[i] += acceleration[i] * h;
        }
    }

    /// <summary>x += v·d, elementwise: a drift.</summary>
    public static void Drift(Span<double> position, ReadOnlySpan<double> velocity, double d)
    {
        for (var i = 0; i < position.Length; i++)
        {
            position[i] += velocity[i] * d;
        }
    }

    /// <summary>
    /// E = Σ_i ½ m_i |v_i|² − ½ Σ_i m_i φ_i, each sum in increasing i (the potential from the per-body φ, so
    /// every pair counts twice and the ½ corrects it).
    /// </summary>
    public static double Energy(ReadOnlySpan<double> mass, ReadOnlySpan<double> vx, ReadOnlySpan<double> vy, ReadOnlySpan<double> vz, ReadOnlySpan<double> phi)
    {
        var kinetic = 0.0;
        var potential = 0.0;
        for (var i = 0; i < vx.Length; i++)
        {
            kinetic += 0.5 * mass[i] * ((vx[i] * vx[i]) + (vy[i] * vy[i]) + (vz[i] * vz[i]));
            potential += mass[i] * phi[i];
        }

        return kinetic - (0.5 * potential);
    }

    /// <summary>Σ_i m_i v_i in increasing i.</summary>
    public static double Momentum(ReadOnlySpan<double> mass, ReadOnlySpan<double> velocity)
    {
        var sum = 0.0;
        for (var i = 0; i < velocity.Length; i++)
        {
            sum += mass[i] * velocity[i];
        }

        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Reduce(Vector256<double> v) => (v.GetElement(0) + v.GetElement(1)) + (v.GetElement(2) + v.GetElement(3));
}
