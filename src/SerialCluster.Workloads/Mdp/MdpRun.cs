using SerialCluster.Workloads.Plans;

namespace SerialCluster.Workloads.Mdp;

/// <summary>
/// Pinned mode's one chain: step k is sweep k over every state at once, in place of a stage of blocks.
/// Once a sweep's residual falls below the tolerance the chain ends (its remaining steps count as done without
/// running), exactly where the staged plan stops (<see cref="MdpPlan.IsComplete"/>), so the output equals the staged
/// one bit for bit and its sweep count is the stages the staged plan ran.
/// </summary>
public sealed class MdpRun : IChainRun
{
    private readonly MdpModel _model;
    private readonly double _tolerance;
    private double[] _values;
    private double[] _next;
    private readonly byte[] _actions;
    private int _sweeps;
    private double _residual = double.PositiveInfinity;

    public MdpRun(MdpModel model, int horizon, double tolerance)
    {
        _model = model;
        _tolerance = tolerance;
        TotalSteps = horizon;
        _values = new double[model.States];
        _next = new double[model.States];
        _actions = new byte[model.Optimize ? model.States : 0];
    }

    public long TotalSteps { get; }

    public long StepsDone { get; private set; }

    public void Advance(long steps)
    {
        steps = Math.Min(steps, TotalSteps - StepsDone);
        for (long k = 0; k < steps; k++)
        {
            if (_residual < _tolerance)
            {
                // Converged: every later sweep would change nothing, so the chain ends here, as the staged plan stops
                // after this sweep's stage (MdpPlan.IsComplete). The steps left are not done, only skipped.
                StepsDone = TotalSteps;
                return;
            }

            _residual = MdpKernel.Sweep(_model, _values, _next, _actions, 0);
            (_values, _next) = (_next, _values);
            _sweeps++;
            StepsDone++;
        }

        if (_residual < _tolerance)
        {
            StepsDone = TotalSteps;
        }
    }

    public byte[] Output() =>
        StepsDone == TotalSteps
            ? MdpCodec.Write(_sweeps, _residual, _values, _actions)
            : throw new InvalidOperationException($"The chain has done {StepsDone} of {TotalSteps} sweeps.");

    public byte[] Checkpoint() =>
        new ChainStateWriter("mdp").Int64(StepsDone).Int64(_sweeps).Double(_residual).Doubles(_values).Bytes(_actions).ToArray();

    public void Restore(byte[] checkpoint)
    {
        var reader = new ChainStateReader(checkpoint, "mdp");
        var steps = reader.Steps(TotalSteps);
        var sweeps = reader.Int64();
        var residual = reader.Double();
        ChainStateReader.Into(reader.Doubles(), _values, "values");
        ChainStateReader.Into(reader.Bytes(), _actions, "actions");
        reader.End();
        _sweeps = checked((int)sweeps);
        _residual = residual;
        StepsDone = steps;
    }
}
