using SerialCluster.Workloads.Randomness;

namespace SerialCluster.Workloads.Tests.Mdp;

/// <summary>
/// The random MDP drawn again from its documented definition, by code that shares nothing with the kernel
/// but the tested SplitMix64 stream.
/// </summary>
internal sealed class IndependentMdp
{
    private readonly double[,] _reward;
    private readonly (int Next, double Probability)[,][] _transitions;

    private IndependentMdp(int states, int actions)
    {
        _reward = new double[states, actions];
        _transitions = new (int, double)[states, actions][];
    }

    public static IndependentMdp Draw(int states, int actions, int successors, ulong seed)
    {
        var mdp = new IndependentMdp(states, actions);
        for (var s = 0; s < states; s++)
        {
            for (var a = 0; a < actions; a++)
            {
                var k = (ulong)(((s * actions) + a) * ((2 * successors) + 1));
                mdp._reward[s, a] = (2.0 * ((SplitMix64.At(seed, k) >> 11) / 9007199254740992.0)) - 1.0;
                var next = new int[successors];
                var weight = new double[successors];
                for (var j = 0; j < successors; j++)
                {
                    next[j] = (int)Math.BigMul(SplitMix64.At(seed, k + 1 + (ulong)(2 * j)), (ulong)states, out _);
                    weight[j] = ((SplitMix64.At(seed, k + 2 + (ulong)(2 * j)) >> 11) + 1) / 9007199254740992.0;
                }

                var total = weight.Sum();
                mdp._transitions[s, a] = [.. next.Select((n, j) => (n, weight[j] / total))];
            }
        }

        return mdp;
    }

    public double[] Q(int s, double[] values, double gamma)
    {
        var q = new double[_reward.GetLength(1)];
        for (var a = 0; a < q.Length; a++)
        {
            var expected = 0.0;
            foreach (var (next, probability) in _transitions[s, a])
            {
                expected += probability * values[next];
            }

            q[a] = _reward[s, a] + (gamma * expected);
        }

        return q;
    }

    /// <summary>The equiprobable random policy's transition matrix P_π (dense) and expected reward r_π.</summary>
    public (double[,] P, double[] R) UniformPolicy()
    {
        var states = _reward.GetLength(0);
        var actions = _reward.GetLength(1);
        var p = new double[states, states];
        var r = new double[states];
        for (var s = 0; s < states; s++)
        {
            for (var a = 0; a < actions; a++)
            {
                r[s] += _reward[s, a] / actions;
                foreach (var (next, probability) in _transitions[s, a])
                {
                    p[s, next] += probability / actions;
                }
            }
        }

        return (p, r);
    }
}
