namespace SerialCluster.Workloads.Cvp;

/// <summary>
/// Where each signal of a <see cref="Netlist"/> is last read, and those signals grouped per level: computed
/// once per circuit and cached by the netlist (see <see cref="Netlist.LastReadLevel"/>).
/// </summary>
internal static class NetlistLastReads
{
    public static int[] LastReadLevels(Netlist netlist)
    {
        var first = netlist.First;
        var depth = netlist.Depth;
        var last = new int[netlist.SignalCount];
        Array.Fill(last, -1);
        for (var level = 1; level <= depth; level++)
        {
            // Levels only grow, so the last write is the highest reader.
            var (from, to) = (first[netlist.LevelStart(level)], first[netlist.LevelStart(level + 1)]);
            foreach (var v in netlist.FanIn.AsSpan(from, to - from))
            {
                last[v] = level;
            }
        }

        foreach (var output in netlist.Outputs)
        {
            last[output] = depth + 1;
        }

        return last;
    }

    public static (int LastRead, long Count)[][] Groups(Netlist netlist)
    {
        var lastRead = netlist.LastReadLevel;
        var inputs = netlist.InputCount;
        var groups = new (int LastRead, long Count)[netlist.Depth + 1][];
        var counts = new Dictionary<int, long>();
        for (var level = 0; level <= netlist.Depth; level++)
        {
            var (from, to) = level == 0 ? (0, inputs) : (inputs + netlist.LevelStart(level), inputs + netlist.LevelStart(level + 1));
            counts.Clear();
            // Runs of one value (a layered circuit's levels are one run, bar outputs and unread signals) cost one lookup.
            var i = from;
            while (i < to)
            {
                var value = lastRead[i];
                var run = i;
                while (run < to && lastRead[run] == value)
                {
                    run++;
                }

                if (value >= 0)
                {
                    counts[value] = counts.GetValueOrDefault(value) + (run - i);
                }

                i = run;
            }

            groups[level] = [.. counts.Select(c => (c.Key, c.Value))];
        }

        return groups;
    }
}
