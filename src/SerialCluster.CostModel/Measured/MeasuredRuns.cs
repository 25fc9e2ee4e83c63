using SerialCluster.Analysis.Statistics;
using SerialCluster.CostModel.Costs;
using SerialCluster.CostModel.History;

namespace SerialCluster.CostModel.Measured;

/// <summary>
/// The measured side of the cost model: for the <see cref="Signatures"/> most recently run plan signatures, per run plan,
/// the last <see cref="RunsPerPlan"/> measured walls beside the raw predictions, and the raw model's error over the last
/// <see cref="ErrorWindow"/> runs. Bounded and deterministic (the same runs in order give the same <see cref="Snapshot"/>).
/// Not thread-safe: its owner (a <see cref="CostHistory"/> in a grain) serialises calls.
/// </summary>
public sealed class MeasuredRuns(int signatures = MeasuredRuns.DefaultSignatures, int runsPerPlan = MeasuredRuns.DefaultRunsPerPlan)
{
    public const int DefaultSignatures = 64;

    /// <summary>
    /// Runs kept per run plan: one short job's time can spread several-fold between runs, and the median must still
    /// order two plans 25% apart; a longer window only slows how fast a changed cluster is seen.
    /// </summary>
    public const int DefaultRunsPerPlan = 15;
    public const int ErrorWindow = 25;

    private readonly LinkedList<string> _recent = new();
    private readonly Dictionary<string, (LinkedListNode<string> Node, Dictionary<string, Queue<(double Predicted, double Measured)>> Plans)> _bySignature =
        new(StringComparer.Ordinal);
    private readonly RecentMedian _errors = new(ErrorWindow);

    public int Signatures { get; } = signatures;

    public int RunsPerPlan { get; } = runsPerPlan;

    /// <summary>Keeps one finished run; a run without a positive, finite prediction and measurement is ignored.</summary>
    public void Observe(PlanRun run)
    {
        if (string.IsNullOrEmpty(run.Signature) || string.IsNullOrEmpty(run.RunKey)
            || !double.IsFinite(run.PredictedSeconds) || run.PredictedSeconds <= 0
            || !double.IsFinite(run.MeasuredSeconds) || run.MeasuredSeconds <= 0)
        {
            return;
        }

        if (_bySignature.TryGetValue(run.Signature, out var entry))
        {
            _recent.Remove(entry.Node);
            _recent.AddFirst(entry.Node);
        }
        else
        {
            entry = (_recent.AddFirst(run.Signature), new Dictionary<string, Queue<(double, double)>>(StringComparer.Ordinal));
            _bySignature[run.Signature] = entry;
            if (_recent.Count > Signatures)
            {
                _bySignature.Remove(_recent.Last!.Value);
                _recent.RemoveLast();
            }
        }

        if (!entry.Plans.TryGetValue(run.RunKey, out var runs))
        {
            entry.Plans[run.RunKey] = runs = new Queue<(double, double)>();
        }

        runs.Enqueue((run.PredictedSeconds, run.MeasuredSeconds));
        if (runs.Count > RunsPerPlan)
        {
            runs.Dequeue();
        }

        _errors.Add(Math.Abs(run.PredictedSeconds - run.MeasuredSeconds) / run.MeasuredSeconds);
    }

    public Corrections Snapshot() => new(
        _bySignature.ToDictionary(
            s => s.Key,
            s => (IReadOnlyDictionary<string, MeasuredPlan>)s.Value.Plans.ToDictionary(
                p => p.Key,
                p => new MeasuredPlan(
                    p.Value.Count,
                    SampleStatistics.Median(p.Value.Select(r => r.Measured / r.Predicted)),
                    SampleStatistics.Median(p.Value.Select(r => r.Measured)),
                    RobustSpread([.. p.Value.Select(r => Math.Log(r.Measured))])),
                StringComparer.Ordinal),
            StringComparer.Ordinal),
        _errors.Value(),
        _errors.Count);

    /// <summary>A robust standard deviation: 1.4826 × the median absolute deviation from the median (0 for one value).</summary>
    public static double RobustSpread(IReadOnlyList<double> values)
    {
        if (values.Count < 2)
        {
            return 0;
        }

        var median = SampleStatistics.Median(values);
        return 1.4826 * SampleStatistics.Median(values.Select(v => Math.Abs(v - median)));
    }
}
