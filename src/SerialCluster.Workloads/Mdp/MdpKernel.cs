using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SerialCluster.Workloads.Mdp;

/// <summary>
/// One synchronous (Jacobi) sweep over a block of states: new values read only the previous vector, so any split gives the same numbers. Per action,
/// Q = r + γ·(p_0·V[n_0] + … + p_(m−1)·V[n_(m−1)]) summed in j order from 0.0; the new value is the first action's Q beaten only by a strictly larger
/// one (ties to the lowest action), or the actions' Q·(1/actions) summed in action order. The block residual is max |V_new − V_old|.
/// </summary>
public static class MdpKernel
{
    /// <summary>
    /// Writes the new values of states [<paramref name="first"/>, first + next.Length) into
    /// <paramref name="next"/> (and the greedy actions into <paramref name="policy"/> when optimizing);
    /// returns the block's residual.
    /// </summary>
    public static double Sweep(MdpModel model, ReadOnlySpan<double> previous, Span<double> next, Span<byte> policy, int first)
    {
        if (previous.Length != model.States || first < 0 || first + next.Length > model.States ||
            (model.Optimize && policy.Length != next.Length))
        {
            throw new ArgumentException("The value vectors do not fit the model.");
        }

        var actions = model.Actions;
        var successors = model.Successors;
        var gamma = model.Gamma;
        var weight = 1.0 / actions;
        ref var values = ref MemoryMarshal.GetReference(previous);
        ref var targets = ref MemoryMarshal.GetArrayDataReference(model.Next);
        ref var probabilities = ref MemoryMarshal.GetArrayDataReference(model.Probability);
        ref var rewards = ref MemoryMarshal.GetArrayDataReference(model.Reward);
        var residual = 0.0;
        for (var i = 0; i < next.Length; i++)
        {
            var s = first + i;
            var pair = s * actions;
            double value;
            if (model.Optimize)
            {
                var best = Q(ref values, ref targets, ref probabilities, ref rewards, pair, successors, gamma);
                var bestAction = 0;
                for (var a = 1; a < actions; a++)
                {
                    var q = Q(ref values, ref targets, ref probabilities, ref rewards, pair + a, successors, gamma);
                    if (q > best)
                    {
                        best = q;
                        bestAction = a;
                    }
                }

                value = best;
                policy[i] = (byte)bestAction;
            }
            else
            {
                value = 0.0;
                for (var a = 0; a < actions; a++)
                {
                    value += weight * Q(ref values, ref targets, ref probabilities, ref rewards, pair + a, successors, gamma);
                }
            }

            next[i] = value;
            var change = Math.Abs(value - Unsafe.Add(ref values, s));
            if (change > residual)
            {
                residual = change;
            }
        }

        return residual;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Q(ref double values, ref int targets, ref double probabilities, ref double rewards, int pair, int successors, double gamma)
    {
        var offset = pair * successors;
        var expected = 0.0;
        for (var j = 0; j < successors; j++)
        {
            expected += Unsafe.Add(ref probabilities, offset + j) * Unsafe.Add(ref values, Unsafe.Add(ref targets, offset + j));
        }

        return Unsafe.Add(ref rewards, pair) + (gamma * expected);
    }
}
