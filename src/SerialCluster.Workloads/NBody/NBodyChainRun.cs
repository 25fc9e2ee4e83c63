using SerialCluster.Workloads.Plans;

namespace SerialCluster.Workloads.NBody;

/// <summary>
/// Pinned mode's whole job: every time step in one loop over preallocated arrays, doing exactly the arithmetic
/// of the staged plan (same kernel, same per-body order, same kick and drift updates), so the bits agree.
/// One chain step is one time step. Output: E0, x, y, z, vx, vy, vz, φ (n doubles each, as <see cref="NBodyWire"/>).
/// </summary>
public sealed class NBodyChainRun : IChainRun
{
    private readonly NBodySchedule _schedule;
    private readonly double _softening2;
    private readonly int _count;
    private readonly double[] _mass;
    private readonly double[] _x;
    private readonly double[] _y;
    private readonly double[] _z;
    private readonly double[] _vx;
    private readonly double[] _vy;
    private readonly double[] _vz;
    private readonly double[] _ax;
    private readonly double[] _ay;
    private readonly double[] _az;
    private readonly double[] _phi;
    private double _energyInitial;
    private long _substep = -1;

    public NBodyChainRun(NBodySystem initial, NBodySchedule schedule, double softening2)
    {
        _schedule = schedule;
        _softening2 = softening2;
        _count = initial.Count;
        _mass = initial.Mass;
        _x = (double[])initial.X.Clone();
        _y = (double[])initial.Y.Clone();
        _z = (double[])initial.Z.Clone();
        _vx = (double[])initial.Vx.Clone();
        _vy = (double[])initial.Vy.Clone();
        _vz = (double[])initial.Vz.Clone();
        _ax = new double[_count];
        _ay = new double[_count];
        _az = new double[_count];
        _phi = new double[_count];
        TotalSteps = schedule.Steps;
    }

    public long TotalSteps { get; }

    public long StepsDone { get; private set; }

    public void Advance(long steps)
    {
        steps = Math.Min(steps, TotalSteps - StepsDone);
        if (steps <= 0)
        {
            return;
        }

        if (_substep < 0)
        {
            // Force evaluation 0: the initial energy, then substep 0's opening kick and drift.
            Forces();
            _energyInitial = NBodyKernel.Energy(_mass.AsSpan(0, _count), Live(_vx), Live(_vy), Live(_vz), _phi);
            _substep = 0;
            KickAndDrift(_substep);
        }

        for (long step = 0; step < steps; step++)
        {
            for (var r = 0; r < _schedule.SubstepsPerStep; r++)
            {
                // Close substep s with its force evaluation and second kick; open s + 1 unless it was the last.
                Forces();
                Kick(_schedule.Kick(_substep));
                _substep++;
                if (_substep < _schedule.Substeps)
                {
                    KickAndDrift(_substep);
                }
            }
        }

        StepsDone += steps;
    }

    public byte[] Output()
    {
        if (StepsDone != TotalSteps)
        {
            throw new InvalidOperationException($"The chain has done {StepsDone} of {TotalSteps} steps.");
        }

        var output = new byte[sizeof(double) * (1 + (7 * _count))];
        var offset = 0;
        NBodyWire.Write(output, ref offset, _energyInitial);
        foreach (var values in new[] { _x, _y, _z, _vx, _vy, _vz })
        {
            NBodyWire.Write(output, ref offset, Live(values));
        }

        NBodyWire.Write(output, ref offset, _phi);
        return output;
    }

    private Span<double> Live(double[] values) => values.AsSpan(0, _count);

    private void Forces() =>
        NBodyKernel.Accelerations(_x, _y, _z, _mass, _softening2, 0, _count, _ax, _ay, _az, _phi);

    private void Kick(double h)
    {
        NBodyKernel.Kick(Live(_vx), _ax, h);
        NBodyKernel.Kick(Live(_vy), _ay, h);
        NBodyKernel.Kick(Live(_vz), _az, h);
    }

    private void KickAndDrift(long substep)
    {
        Kick(_schedule.Kick(substep));
        var d = _schedule.Drift(substep);
        NBodyKernel.Drift(Live(_x), Live(_vx), d);
        NBodyKernel.Drift(Live(_y), Live(_vy), d);
        NBodyKernel.Drift(Live(_z), Live(_vz), d);
    }

    /// <summary>Positions and velocities, plus the accelerations, φ and E0 a later step reads; masses come from the plan.</summary>
    public byte[] Checkpoint()
    {
        var writer = new ChainStateWriter("nbody").Int64(StepsDone).Int64(_substep).Double(_energyInitial);
        foreach (var values in new[] { _x, _y, _z, _vx, _vy, _vz, _ax, _ay, _az, _phi })
        {
            writer.Doubles(values);
        }

        return writer.ToArray();
    }

    public void Restore(byte[] checkpoint)
    {
        var reader = new ChainStateReader(checkpoint, "nbody");
        var steps = reader.Steps(TotalSteps);
        var substep = reader.Int64();
        var energy = reader.Double();
        foreach (var values in new[] { _x, _y, _z, _vx, _vy, _vz, _ax, _ay, _az, _phi })
        {
            ChainStateReader.Into(reader.Doubles(), values, "body values");
        }

        reader.End();
        _substep = substep;
        _energyInitial = energy;
        StepsDone = steps;
    }
}
