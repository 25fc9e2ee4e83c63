using SerialCluster.Workloads.Cvp;

namespace SerialCluster.Workloads.Do1;

/// <summary>A compiled game: the alternating monotone circuit it is played on, the literal values of each instance, and the original circuit's size.</summary>
/// <param name="Monotone">The dual-rail circuit: AND gates on odd levels, OR on even, each reading only the level below.</param>
/// <param name="Instances">Per instance, one byte (0 or 1) per literal of <paramref name="Monotone"/> (x_i, then ¬x_i).</param>
/// <param name="OriginalGates">Gates of the circuit as given or generated.</param>
/// <param name="OriginalDepth">Depth of the circuit as given or generated.</param>
public sealed record Do1Circuit(Netlist Monotone, byte[][] Instances, int OriginalGates, int OriginalDepth)
{
    /// <summary>Per output, the moves of one episode: its level (one move per level down to a literal) plus the final read of the reward.</summary>
    public long MovesPerInstance
    {
        get
        {
            long moves = 0;
            foreach (var output in Monotone.Outputs)
            {
                moves += 1 + (output < Monotone.InputCount ? 0 : Monotone.LevelOf(output - Monotone.InputCount));
            }

            return moves;
        }
    }

    /// <summary>Gates an agent of depth d evaluates itself: those on levels 1 … d − 1 (it decides at level d from them).</summary>
    public int GatesBelow(int depth) => depth <= 1 ? 0 : Monotone.LevelStart(Math.Min(depth, Monotone.Depth + 1));
}
