using System.Text.Json.Nodes;
using SerialCluster.Workloads.Parameters;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Workloads.NBody;

/// <summary>
/// One wide stage per force evaluation (1 + steps for verlet, 1 + 3·steps for yoshida4), tasks over contiguous body blocks. Stage 0 evaluates initial
/// forces and opens substep 0 (half kick, drift); stage k ≥ 1 closes substep k − 1 and, unless last, opens substep k. A task gets all positions and its
/// block's velocities. Wire (doubles; n bodies, len in block): stage 0 out x, y, z, vx, vy, vz, φ0 (len each); stage k ≥ 1 in E0, x, y, z (n each),
/// vx, vy, vz (len each); out E0, x, y, z, vx, vy, vz (len each), plus φ (len) on the last stage.
/// </summary>
public sealed class NBodyPlan : WorkloadPlan
{
    private const int CancellationCheckBodies = 64;

    private readonly NBodySystem _initial;
    private readonly NBodySchedule _schedule;
    private readonly double _softening2;
    private readonly int _count;
    private readonly int _tasks;
    private readonly int _lastStage;

    public NBodyPlan(ParameterValues parameters, NBodySystem initial, NBodySchedule schedule, double softening, int tasks)
        : base(parameters, NBodyWorkload.UnitName, StagesFor(initial.Count, schedule, tasks))
    {
        _initial = initial;
        _schedule = schedule;
        _softening2 = softening * softening;
        _count = initial.Count;
        _tasks = tasks;
        _lastStage = checked((int)schedule.Substeps);
    }

    public override long TaskUnits(int stage, int task) => (long)BlockLength(task) * (_count - 1);

    public override byte[] CreateTaskInput(int stage, int task, IReadOnlyList<byte[]> previousOutputs)
    {
        if (stage == 0)
        {
            return [];
        }

        // Stage 0's outputs carry φ0 instead of a header: E0 is computed here from φ0, then travels along.
        var header = 0;
        var energyInitial = stage == 1 ? InitialEnergy(previousOutputs) : NBodyWire.Read(previousOutputs[0], ref header);

        var length = BlockLength(task);
        var input = new byte[sizeof(double) * (1 + (3 * _count) + (3 * length))];
        var offset = 0;
        NBodyWire.Write(input, ref offset, energyInitial);
        for (var component = 0; component < 3; component++)
        {
            for (var t = 0; t < _tasks; t++)
            {
                var bytes = BlockLength(t) * sizeof(double);
                previousOutputs[t].AsSpan(header + (component * bytes), bytes).CopyTo(input.AsSpan(offset));
                offset += bytes;
            }
        }

        var velocityBytes = 3 * length * sizeof(double);
        previousOutputs[task].AsSpan(header + velocityBytes, velocityBytes).CopyTo(input.AsSpan(offset));
        return input;
    }

    public override byte[] RunTask(int stage, int task, byte[] input, CancellationToken cancellationToken)
    {
        var first = Start(task);
        var length = BlockLength(task);
        var x = new double[_initial.PaddedCount];
        var y = new double[_initial.PaddedCount];
        var z = new double[_initial.PaddedCount];
        var vx = new double[length];
        var vy = new double[length];
        var vz = new double[length];
        var energyInitial = 0.0;
        if (stage == 0)
        {
            _initial.X.CopyTo(x, 0);
            _initial.Y.CopyTo(y, 0);
            _initial.Z.CopyTo(z, 0);
            _initial.Vx.AsSpan(first, length).CopyTo(vx);
            _initial.Vy.AsSpan(first, length).CopyTo(vy);
            _initial.Vz.AsSpan(first, length).CopyTo(vz);
        }
        else
        {
            var offset = 0;
            energyInitial = NBodyWire.Read(input, ref offset);
            NBodyWire.Read(input, ref offset, x.AsSpan(0, _count));
            NBodyWire.Read(input, ref offset, y.AsSpan(0, _count));
            NBodyWire.Read(input, ref offset, z.AsSpan(0, _count));
            NBodyWire.Read(input, ref offset, vx);
            NBodyWire.Read(input, ref offset, vy);
            NBodyWire.Read(input, ref offset, vz);
        }

        var ax = new double[length];
        var ay = new double[length];
        var az = new double[length];
        var phi = new double[length];
        for (var from = 0; from < length; from += CancellationCheckBodies)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var to = Math.Min(length, from + CancellationCheckBodies);
            NBodyKernel.Accelerations(
                x, y, z, _initial.Mass, _softening2, first + from, first + to,
                ax.AsSpan(from), ay.AsSpan(from), az.AsSpan(from), phi.AsSpan(from));
        }

        // Stage k closes substep k − 1 (none for stage 0) and opens substep k unless k is the last stage.
        if (stage > 0)
        {
            Kick(vx, vy, vz, ax, ay, az, _schedule.Kick(stage - 1));
        }

        var px = x.AsSpan(first, length);
        var py = y.AsSpan(first, length);
        var pz = z.AsSpan(first, length);
        var last = stage == _lastStage;
        if (!last)
        {
            Kick(vx, vy, vz, ax, ay, az, _schedule.Kick(stage));
            var d = _schedule.Drift(stage);
            NBodyKernel.Drift(px, vx, d);
            NBodyKernel.Drift(py, vy, d);
            NBodyKernel.Drift(pz, vz, d);
        }

        var withHeader = stage > 0;
        var withPhi = stage == 0 || last;
        var output = new byte[sizeof(double) * ((withHeader ? 1 : 0) + ((withPhi ? 7 : 6) * length))];
        var at = 0;
        if (withHeader)
        {
            NBodyWire.Write(output, ref at, energyInitial);
        }

        NBodyWire.Write(output, ref at, px);
        NBodyWire.Write(output, ref at, py);
        NBodyWire.Write(output, ref at, pz);
        NBodyWire.Write(output, ref at, vx);
        NBodyWire.Write(output, ref at, vy);
        NBodyWire.Write(output, ref at, vz);
        if (withPhi)
        {
            NBodyWire.Write(output, ref at, phi);
        }

        return output;
    }

    public override IChainRun? CreateWholeChain() => new NBodyChainRun(_initial, _schedule, _softening2);

    public override JsonObject FinishWholeChain(byte[] output)
    {
        var state = new double[7][];
        var offset = 0;
        var energyInitial = NBodyWire.Read(output, ref offset);
        for (var field = 0; field < state.Length; field++)
        {
            state[field] = new double[_count];
            NBodyWire.Read(output, ref offset, state[field]);
        }

        return Result(energyInitial, state);
    }

    /// <summary>Fewer, larger tasks per stage: one and two per core (<see cref="CoarserSplit.FewerTasks"/>).</summary>
    public override IReadOnlyList<IReadOnlyDictionary<string, string>> CoarserSplits(int slots) => CoarserSplit.FewerTasks(this, slots);

    public override JsonObject Finish(IReadOnlyList<byte[]> lastStageOutputs)
    {
        var state = new double[7][];
        for (var field = 0; field < state.Length; field++)
        {
            state[field] = new double[_count];
        }

        var energyInitial = 0.0;
        for (var task = 0; task < _tasks; task++)
        {
            var offset = 0;
            energyInitial = NBodyWire.Read(lastStageOutputs[task], ref offset);
            for (var field = 0; field < state.Length; field++)
            {
                NBodyWire.Read(lastStageOutputs[task], ref offset, state[field].AsSpan(Start(task), BlockLength(task)));
            }
        }

        return Result(energyInitial, state);
    }

    private static IReadOnlyList<StageSpec> StagesFor(int count, NBodySchedule schedule, int tasks)
    {
        var pairs = (long)count * (count - 1);
        var largest = (long)((count + tasks - 1) / tasks) * (count - 1);
        return new NBodyStageList(checked((int)schedule.Evaluations), StageSpec.Parallel("forces", tasks, pairs, largest));
    }

    private static void Kick(double[] vx, double[] vy, double[] vz, double[] ax, double[] ay, double[] az, double h)
    {
        NBodyKernel.Kick(vx, ax, h);
        NBodyKernel.Kick(vy, ay, h);
        NBodyKernel.Kick(vz, az, h);
    }

    /// <summary>E0 from the initial velocities and stage 0's per-body potentials, summed over every body in order.</summary>
    private double InitialEnergy(IReadOnlyList<byte[]> stageZeroOutputs)
    {
        var phi = new double[_count];
        for (var task = 0; task < _tasks; task++)
        {
            var length = BlockLength(task);
            var offset = 6 * length * sizeof(double);
            NBodyWire.Read(stageZeroOutputs[task], ref offset, phi.AsSpan(Start(task), length));
        }

        return NBodyKernel.Energy(
            _initial.Mass.AsSpan(0, _count), _initial.Vx.AsSpan(0, _count), _initial.Vy.AsSpan(0, _count), _initial.Vz.AsSpan(0, _count), phi);
    }

    /// <summary>The result from the final state: x, y, z, vx, vy, vz, φ (n each).</summary>
    private JsonObject Result(double energyInitial, double[][] state)
    {
        var mass = _initial.Mass.AsSpan(0, _count);
        var energyFinal = NBodyKernel.Energy(mass, state[3], state[4], state[5], state[6]);
        var change = Math.Abs(energyFinal - energyInitial);
        double[] momentum =
        [
            NBodyKernel.Momentum(mass, state[3]),
            NBodyKernel.Momentum(mass, state[4]),
            NBodyKernel.Momentum(mass, state[5]),
        ];
        foreach (var field in state)
        {
            foreach (var value in field)
            {
                if (!double.IsFinite(value))
                {
                    throw new InvalidOperationException(
                        "nbody: the simulation produced non-finite values (a close encounter with softening = 0, or dt too large); " +
                        "raise softening or lower dt");
                }
            }
        }

        var positions = new JsonArray();
        var velocities = new JsonArray();
        for (var i = 0; i < _count; i++)
        {
            positions.Add(Vector(state[0][i], state[1][i], state[2][i]));
            velocities.Add(Vector(state[3][i], state[4][i], state[5][i]));
        }

        return new JsonObject
        {
            ["positions"] = positions,
            ["velocities"] = velocities,
            ["energyInitial"] = energyInitial,
            ["energyFinal"] = energyFinal,
            ["relativeEnergyError"] = energyInitial != 0 ? change / Math.Abs(energyInitial) : change,
            ["momentum"] = Vector(momentum[0], momentum[1], momentum[2]),
        };
    }

    private static JsonArray Vector(double x, double y, double z) => [x, y, z];

    private int Start(int task) => (int)((long)_count * task / _tasks);

    private int BlockLength(int task) => Start(task + 1) - Start(task);
}
