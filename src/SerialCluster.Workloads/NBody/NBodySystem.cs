namespace SerialCluster.Workloads.NBody;

/// <summary>
/// Bodies as a structure of arrays: mass, position and velocity components, each padded with zero-mass bodies
/// at the origin to a multiple of <see cref="NBodyKernel.Lanes"/> so the force loop runs whole vectors only.
/// </summary>
public sealed class NBodySystem
{
    public NBodySystem(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        Count = count;
        PaddedCount = NBodyKernel.Padded(count);
        Mass = new double[PaddedCount];
        X = new double[PaddedCount];
        Y = new double[PaddedCount];
        Z = new double[PaddedCount];
        Vx = new double[PaddedCount];
        Vy = new double[PaddedCount];
        Vz = new double[PaddedCount];
    }

    /// <summary>Real bodies; entries from here to <see cref="PaddedCount"/> are padding.</summary>
    public int Count { get; }

    public int PaddedCount { get; }

    public double[] Mass { get; }

    public double[] X { get; }

    public double[] Y { get; }

    public double[] Z { get; }

    public double[] Vx { get; }

    public double[] Vy { get; }

    public double[] Vz { get; }

    public void Set(int body, double mass, double x, double y, double z, double vx, double vy, double vz)
    {
        Mass[body] = mass;
        X[body] = x;
        Y[body] = y;
        Z[body] = z;
        Vx[body] = vx;
        Vy[body] = vy;
        Vz[body] = vz;
    }
}
