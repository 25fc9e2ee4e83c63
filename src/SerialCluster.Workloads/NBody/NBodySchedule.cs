namespace SerialCluster.Workloads.NBody;

/// <summary>
/// The integrator as a sequence of kick-drift-kick substeps. A time step is <see cref="SubstepsPerStep"/>
/// velocity-Verlet substeps of length w·dt: verlet has w = 1; yoshida4 (Yoshida 1990) composes three with
/// w1, w0, w1, w1 = 1/(2 − 2^(1/3)), w0 = −2^(1/3)/(2 − 2^(1/3)). Substep s kicks by h_s = ½·(w_s·dt), drifts by
/// w_s·dt, evaluates forces, kicks by h_s again: one force evaluation per substep plus one at the start.
/// </summary>
public sealed class NBodySchedule
{
    /// <summary>w1 = 1/(2 − 2^(1/3)) as the nearest double (50-digit decimal arithmetic), not Math.Cbrt, whose last bit may vary by platform.</summary>
    public const double YoshidaOuter = 1.3512071919596575;

    /// <summary>w0 = −2^(1/3)/(2 − 2^(1/3)) as the nearest double.</summary>
    public const double YoshidaInner = -1.7024143839193153;

    private readonly double[] _kicks;
    private readonly double[] _drifts;

    public NBodySchedule(string integrator, double dt, long steps)
    {
        double[] weights = integrator switch
        {
            "verlet" => [1.0],
            "yoshida4" => [YoshidaOuter, YoshidaInner, YoshidaOuter],
            _ => throw new ArgumentException($"Unknown integrator '{integrator}'.", nameof(integrator)),
        };
        _drifts = new double[weights.Length];
        _kicks = new double[weights.Length];
        for (var r = 0; r < weights.Length; r++)
        {
            _drifts[r] = weights[r] * dt;
            _kicks[r] = 0.5 * _drifts[r];
        }

        Steps = steps;
        SubstepsPerStep = weights.Length;
        Substeps = steps * weights.Length;
    }

    /// <summary>Velocity-Verlet substeps (= force evaluations) per time step: 1 or 3.</summary>
    public int SubstepsPerStep { get; }

    public long Steps { get; }

    /// <summary>Substeps in the whole run.</summary>
    public long Substeps { get; }

    /// <summary>Force evaluations in the whole run: one at the start, one per substep.</summary>
    public long Evaluations => Substeps + 1;

    /// <summary>The half kick h_s of substep <paramref name="substep"/>.</summary>
    public double Kick(long substep) => _kicks[substep % SubstepsPerStep];

    /// <summary>The drift of substep <paramref name="substep"/>.</summary>
    public double Drift(long substep) => _drifts[substep % SubstepsPerStep];
}
