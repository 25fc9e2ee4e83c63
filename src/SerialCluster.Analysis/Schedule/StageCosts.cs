namespace SerialCluster.Analysis.Schedule;

/// <summary>One measured stage for the simulator: its name, whether it is a chain (one task, one core) and its tasks' compute seconds.</summary>
public sealed record StageCosts(string Name, bool Chain, IReadOnlyList<double> TaskSeconds)
{
    public double WorkSeconds => TaskSeconds.Sum();

    public double SpanSeconds => TaskSeconds.Count == 0 ? 0 : TaskSeconds.Max();
}
