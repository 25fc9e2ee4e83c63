using SerialCluster.Workloads.Randomness;

namespace SerialCluster.Workloads.Mdp;

/// <summary>
/// A tabular MDP in flat arrays: pair q = s·actions + a has reward <see cref="Reward"/>[q] and <see cref="Successors"/> transitions, the j-th to
/// <see cref="Next"/>[q·successors + j] with probability <see cref="Probability"/>[q·successors + j]. <see cref="Optimize"/> picks the backup: the
/// best action (value iteration) or the equiprobable random policy's average (policy evaluation).
/// </summary>
public sealed class MdpModel
{
    private MdpModel(int states, int actions, int successors, double gamma, bool optimize)
    {
        States = states;
        Actions = actions;
        Successors = successors;
        Gamma = gamma;
        Optimize = optimize;
        Next = new int[states * actions * successors];
        Probability = new double[states * actions * successors];
        Reward = new double[states * actions];
    }

    public int States { get; }

    public int Actions { get; }

    public int Successors { get; }

    public double Gamma { get; }

    /// <summary>True: V(s) = max_a Q(s, a); false: V(s) = Σ_a Q(s, a) / actions.</summary>
    public bool Optimize { get; }

    public int[] Next { get; }

    public double[] Probability { get; }

    public double[] Reward { get; }

    /// <summary>
    /// Sutton &amp; Barto's Example 4.1: a 4×4 grid, states numbered row by row, terminal corners 0 and 15;
    /// actions up, down, left, right (in that order) move one cell, a move off the grid leaves the state
    /// unchanged; every move from a non-terminal state earns −1. A terminal state loops to itself with reward
    /// 0, so its value stays 0. Evaluated under the equiprobable random policy.
    /// </summary>
    public static MdpModel Sutton4x4(double gamma)
    {
        const int side = 4;
        var model = new MdpModel(side * side, 4, 1, gamma, optimize: false);
        ReadOnlySpan<int> rowStep = [-1, 1, 0, 0];
        ReadOnlySpan<int> columnStep = [0, 0, -1, 1];
        for (var s = 0; s < side * side; s++)
        {
            var terminal = s == 0 || s == (side * side) - 1;
            for (var a = 0; a < 4; a++)
            {
                var q = (s * 4) + a;
                int row = (s / side) + rowStep[a], column = (s % side) + columnStep[a];
                var onGrid = row is >= 0 and < side && column is >= 0 and < side;
                model.Next[q] = terminal || !onGrid ? s : (row * side) + column;
                model.Probability[q] = 1.0;
                model.Reward[q] = terminal ? 0.0 : -1.0;
            }
        }

        return model;
    }

    /// <summary>
    /// A random MDP from SplitMix64 of <paramref name="seed"/>. Pair q = s·actions + a uses outputs k = q·(2m + 1) … k + 2m (m = successors): reward
    /// 2·u(x_k) − 1 in [−1, 1) (u: the top-53-bit unit map); j-th successor ⌊x_(k+1+2j) · states / 2^64⌋; weight w_j = ((x_(k+2+2j) ≫ 11) + 1) · 2^−53,
    /// normalised by their sum in j order. Successors may repeat; each pair depends only on (seed, q), so every silo draws the same model.
    /// <paramref name="optimize"/>: value iteration (the default) or evaluation of the equiprobable random policy.
    /// </summary>
    public static MdpModel Random(int states, int actions, int successors, ulong seed, double gamma, bool optimize = true)
    {
        var model = new MdpModel(states, actions, successors, gamma, optimize);
        Span<double> weights = stackalloc double[successors];
        var pairs = states * actions;
        for (var q = 0; q < pairs; q++)
        {
            var k = (ulong)q * (ulong)((2 * successors) + 1);
            model.Reward[q] = (2.0 * SplitMix64.ToUnitInterval(SplitMix64.At(seed, k))) - 1.0;
            var total = 0.0;
            for (var j = 0; j < successors; j++)
            {
                var target = SplitMix64.At(seed, k + 1 + (ulong)(2 * j));
                model.Next[(q * successors) + j] = (int)(((UInt128)target * (ulong)states) >> 64);
                weights[j] = ((SplitMix64.At(seed, k + 2 + (ulong)(2 * j)) >> 11) + 1) * (1.0 / (1UL << 53));
                total += weights[j];
            }

            for (var j = 0; j < successors; j++)
            {
                model.Probability[(q * successors) + j] = weights[j] / total;
            }
        }

        return model;
    }
}
