using SerialCluster.Workloads.Cvp;
using SerialCluster.Workloads.Randomness;

namespace SerialCluster.Workloads.Do1;

/// <summary>
/// The forced-choice game on an alternating monotone circuit. An episode starts at an output; at an OR gate the agent moves to one of its
/// inputs, at an AND gate the environment moves to its first input of value 0 (its first input when all are 1), a one-input gate passes
/// its only input on, and at a literal the episode ends with reward = the literal's value. By induction on the level, the best return
/// from any gate is that gate's value, so the exact agent earns the output's value and regret = value − reward ∈ {0, 1}.
/// </summary>
public static class Do1Game
{
    /// <summary>Where in <c>seed</c>'s SplitMix64 stream the coin of gate g is drawn: output <see cref="CoinOffset"/> + g.</summary>
    public const ulong CoinOffset = 1UL << 62;

    /// <summary>
    /// The episodes an agent of depth <paramref name="depth"/> loses, over every output, on one instance. The agent evaluates levels
    /// 1 … depth − 1 itself from the literals (depth 0 knows not even those) and picks the first input of value 1 at OR gates on levels
    /// ≤ depth; above, it guesses: the first input, or with <paramref name="coin"/> the input ⌊x·fanIn / 2^64⌋, x = output CoinOffset + g of
    /// <paramref name="seed"/>, the same guess for every agent at a gate, so a deeper agent never does worse (see docs/PAPER.md).
    /// </summary>
    public static int LostEpisodes(Do1Circuit circuit, int depth, ReadOnlySpan<byte> literals, ReadOnlySpan<byte> truth, bool coin, ulong seed)
    {
        var netlist = circuit.Monotone;
        var inputs = netlist.InputCount;
        var known = new byte[netlist.SignalCount];
        if (depth >= 1)
        {
            literals.CopyTo(known);
            GateEvaluator.Evaluate(netlist.First, netlist.FanIn, netlist.Codes, 0, circuit.GatesBelow(depth), known, inputs);
        }

        var lost = 0;
        foreach (var output in netlist.Outputs)
        {
            var position = output;
            while (position >= inputs)
            {
                var gate = position - inputs;
                var fanIn = netlist.FanInOf(gate);
                position = fanIn.Length == 1 ? fanIn[0]
                    : netlist.KindOf(gate) == GateKind.And ? FirstWith(fanIn, truth, 0)
                    : netlist.LevelOf(gate) <= depth ? FirstWith(fanIn, known, 1)
                    : coin ? fanIn[(int)(((UInt128)SplitMix64.At(seed, CoinOffset + (ulong)gate) * (ulong)fanIn.Length) >> 64)]
                    : fanIn[0];
            }

            lost += truth[output] - truth[position];
        }

        return lost;
    }

    /// <summary>The first input whose value is <paramref name="value"/>, or the first input when none is.</summary>
    private static int FirstWith(ReadOnlySpan<int> fanIn, ReadOnlySpan<byte> values, byte value)
    {
        foreach (var source in fanIn)
        {
            if (values[source] == value)
            {
                return source;
            }
        }

        return fanIn[0];
    }
}
