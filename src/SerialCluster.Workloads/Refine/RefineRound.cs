using SerialCluster.Workloads.Arith;

namespace SerialCluster.Workloads.Refine;

/// <summary>
/// One synchronous round, position by position, each from the previous round's states only (a fixed-depth update).
/// Nonlinear: position i takes f_i of its left neighbour's guess (of x_{−1} at i = 0) and is final once that neighbour
/// was: round r fixes exactly position r − 1. Associative (pointer jumping): a position not yet final composes its
/// map with the map 2^(r−1) places to its left, so after round r it covers 2^r steps and positions below 2^r are final.
/// </summary>
internal static class RefineRound
{
    /// <summary>How far left round <paramref name="round"/> (1-based) reads.</summary>
    public static int Reach(bool associative, int round) => associative ? 1 << Math.Min(30, round - 1) : 1;

    /// <summary>Before any round: nonlinear, every guess 0, none final; associative, each position its own map, position 0 final.</summary>
    public static RefineState Initial(RefineChain chain, int i)
    {
        if (!chain.Associative)
        {
            return new RefineState(0, 0, Final: false);
        }

        var (a, b) = chain.Map(i);
        return new RefineState(a, b, Final: i == 0);
    }

    /// <param name="own">Position i's state after the previous round.</param>
    /// <param name="left">The state of position i − reach after the previous round; ignored where that is below 0.</param>
    public static RefineState Update(RefineChain chain, int i, int reach, RefineState own, RefineState left)
    {
        if (!chain.Associative)
        {
            var previous = i == 0 ? chain.Start : left.First;
            return new RefineState(chain.Step(i, previous), 0, Final: i == 0 || left.Final);
        }

        if (own.Final)
        {
            return own;
        }

        // own ∘ left: x ↦ A_own·(A_left·x + B_left) + B_own.
        var multiplier = ArithField.Multiply(own.First, left.First);
        var offset = ArithField.Add(ArithField.Multiply(own.First, left.Second), own.Second);
        return new RefineState(multiplier, offset, left.Final);
    }

    /// <summary>The position's current estimate of x_i: nonlinear, its guess; associative, its map applied to x_{−1}.</summary>
    public static ulong Value(RefineChain chain, RefineState state) =>
        chain.Associative ? ArithField.Add(ArithField.Multiply(state.First, chain.Start), state.Second) : state.First;
}
