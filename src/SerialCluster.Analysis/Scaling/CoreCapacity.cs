using SerialCluster.Analysis.Statistics;

namespace SerialCluster.Analysis.Scaling;

/// <summary>
/// What P busy cores delivered, in units of one core working alone: C(P) = P · t(1 task at P = 1) / t(P tasks at P),
/// from the capacity control's runs, computed per repeat round (each against the P = 1 control of the same round) and
/// then the median over the rounds, with the lowest and highest round. C(1) = 1 by definition; ideal cores give C(P) = P.
/// </summary>
public sealed record CoreCapacity(int P, double Capacity, double MinCapacity, double MaxCapacity, int Rounds)
{
    /// <summary>
    /// The capacity at every P the control ran at besides 1 (and 1 itself), from rounds that have both a P = 1 and a
    /// P run; empty without any P = 1 control run. Several runs at one (P, round) are averaged first.
    /// </summary>
    public static IReadOnlyList<CoreCapacity> From(IReadOnlyList<ControlRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var alone = runs.Where(r => r.P == 1).GroupBy(r => r.Repeat).ToDictionary(g => g.Key, g => g.Average(r => r.Seconds));
        if (alone.Count == 0)
        {
            return [];
        }

        var capacities = new List<CoreCapacity> { new(1, 1, 1, 1, alone.Count) };
        foreach (var group in runs.Where(r => r.P > 1).GroupBy(r => r.P).OrderBy(g => g.Key))
        {
            var rounds = group
                .GroupBy(r => r.Repeat)
                .Where(g => alone.ContainsKey(g.Key))
                .Select(g => group.Key * alone[g.Key] / g.Average(r => r.Seconds))
                .ToList();
            if (rounds.Count > 0)
            {
                capacities.Add(new CoreCapacity(group.Key, SampleStatistics.Median(rounds), rounds.Min(), rounds.Max(), rounds.Count));
            }
        }

        return capacities;
    }
}
