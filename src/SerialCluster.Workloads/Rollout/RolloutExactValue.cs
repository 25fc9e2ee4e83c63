using SerialCluster.Workloads.Mdp;

namespace SerialCluster.Workloads.Rollout;

/// <summary>
/// The random policy's exact values on the same MDP: V_∞ = (I − γ·P_π)⁻¹·r_π by Gaussian elimination with partial pivoting (dense, rows in
/// order), and the H-step value V_H by H synchronous sweeps V ← r_π + γ·P_π·V from V = 0 (<see cref="MdpKernel"/>), the quantity a rollout of
/// horizon H estimates. Both are pure functions of the model, so every mode reports the same numbers.
/// </summary>
public static class RolloutExactValue
{
    /// <summary>V_∞ of every state.</summary>
    public static double[] InfiniteHorizon(MdpModel model)
    {
        var n = model.States;
        var a = new double[n, n + 1];
        var weight = 1.0 / model.Actions;
        for (var s = 0; s < n; s++)
        {
            a[s, s] = 1.0;
            for (var action = 0; action < model.Actions; action++)
            {
                var pair = (s * model.Actions) + action;
                a[s, n] += weight * model.Reward[pair];
                for (var j = 0; j < model.Successors; j++)
                {
                    var q = (pair * model.Successors) + j;
                    a[s, model.Next[q]] -= model.Gamma * weight * model.Probability[q];
                }
            }
        }

        return Solve(a, n);
    }

    /// <summary>
    /// V_H of every state: the expected return of H steps. A sweep is a fixed function of the vector, so once one returns its input bit for bit
    /// every later sweep would too, and the loop stops there with the same bits H sweeps would give.
    /// </summary>
    public static double[] FiniteHorizon(MdpModel model, int horizon, CancellationToken cancellationToken = default)
    {
        var values = new double[model.States];
        var next = new double[model.States];
        for (var h = 0; h < horizon; h++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            MdpKernel.Sweep(model, values, next, [], 0);
            if (next.AsSpan().SequenceEqual(values))
            {
                break;
            }

            (values, next) = (next, values);
        }

        return values;
    }

    /// <summary>The largest |r(s, a)|: with it, |V_∞ − V_H| ≤ γ^H·max|r| / (1 − γ).</summary>
    public static double LargestReward(MdpModel model) => model.Reward.Max(Math.Abs);

    private static double[] Solve(double[,] a, int n)
    {
        for (var column = 0; column < n; column++)
        {
            var pivot = column;
            for (var row = column + 1; row < n; row++)
            {
                if (Math.Abs(a[row, column]) > Math.Abs(a[pivot, column]))
                {
                    pivot = row;
                }
            }

            if (pivot != column)
            {
                for (var k = column; k <= n; k++)
                {
                    (a[column, k], a[pivot, k]) = (a[pivot, k], a[column, k]);
                }
            }

            for (var row = column + 1; row < n; row++)
            {
                var factor = a[row, column] / a[column, column];
                if (factor == 0.0)
                {
                    continue;
                }

                for (var k = column; k <= n; k++)
                {
                    a[row, k] -= factor * a[column, k];
                }
            }
        }

        var x = new double[n];
        for (var row = n - 1; row >= 0; row--)
        {
            var sum = a[row, n];
            for (var k = row + 1; k < n; k++)
            {
                sum -= a[row, k] * x[k];
            }

            x[row] = sum / a[row, row];
        }

        return x;
    }
}
