namespace SerialCluster.CostModel.Prediction;

/// <summary>
/// One silo as the cost model sees it: its single-thread score, its per-core score when every core is busy
/// (all-core throughput ÷ usable cores; the single-thread score when unknown), its cores and what it is running
/// now, what its role lets it take, and the cores other programs on its machine keep busy (see <see cref="ForeignLoad"/>).
/// Scores are relative to the reference the unit costs are normalised to.
/// </summary>
public sealed record SiloFigures(
    string Name,
    string Machine,
    double SingleThreadScore,
    double ConcurrentScore,
    int Cores,
    int RunningTasks,
    int RunningChains,
    bool TakesChains,
    bool TakesTasks,
    double ForeignBusyCores = 0);
