using SerialCluster.Workloads.NBody;

namespace SerialCluster.Benchmarks.Workloads;

/// <summary>One all-pairs force evaluation of a random system of n bodies, with its output arrays preallocated.</summary>
public sealed class NBodyForceEvaluation
{
    private const double Softening = 0.05;

    private readonly NBodySystem _system;
    private readonly double[] _ax;
    private readonly double[] _ay;
    private readonly double[] _az;
    private readonly double[] _phi;

    public NBodyForceEvaluation(int bodies)
    {
        _system = NBodyPresets.Random(bodies, seed: 7);
        _ax = new double[bodies];
        _ay = new double[bodies];
        _az = new double[bodies];
        _phi = new double[bodies];
    }

    public double Run()
    {
        NBodyKernel.Accelerations(
            _system.X, _system.Y, _system.Z, _system.Mass, Softening * Softening, 0, _system.Count, _ax, _ay, _az, _phi);
        return _phi[0];
    }
}
