using SerialCluster.Workloads.Mdp;
using SerialCluster.Workloads.Randomness;

namespace SerialCluster.Workloads.Rollout;

/// <summary>
/// Simulates trajectories of the equiprobable random policy on an <see cref="MdpModel"/>. Trajectory i, step t draws SplitMix64 outputs
/// k = 2·(i·H + t) (the action, ⌊x·actions / 2^64⌋) and k + 1 (the successor: the first j whose cumulative probability, summed in j order,
/// exceeds u(x); the last one when rounding leaves u above them all). Its return Σ_t γ^t·r_t is accumulated in t order and kept as
/// round(G·2^<see cref="FractionBits"/>), so sums of returns are exact integers whatever the split or the order tasks finish in.
/// </summary>
public static class RolloutKernel
{
    /// <summary>Fraction bits of a return in fixed point: |G| &lt; 1/(1 − γ) ≤ 1000 &lt; 2^10 keeps it under 2^42, its square under 2^84.</summary>
    public const int FractionBits = 32;

    private const long CancellationCheckInterval = 1 << 12;

    /// <summary>The return of trajectory <paramref name="trajectory"/> from <paramref name="start"/> over <paramref name="horizon"/> steps.</summary>
    public static double Return(MdpModel model, int start, int horizon, ulong seed, long trajectory)
    {
        var actions = (ulong)model.Actions;
        var successors = model.Successors;
        var state = unchecked(seed + ((ulong)trajectory * 2 * (ulong)horizon * SplitMix64.Gamma));
        var s = start;
        var total = 0.0;
        var discount = 1.0;
        for (var t = 0; t < horizon; t++)
        {
            state = unchecked(state + SplitMix64.Gamma);
            var action = (int)(((UInt128)SplitMix64.Mix(state) * actions) >> 64);
            var pair = (s * model.Actions) + action;
            total += discount * model.Reward[pair];
            state = unchecked(state + SplitMix64.Gamma);
            var u = SplitMix64.ToUnitInterval(SplitMix64.Mix(state));
            var offset = pair * successors;
            var j = 0;
            var cumulative = model.Probability[offset];
            while (u >= cumulative && j < successors - 1)
            {
                j++;
                cumulative += model.Probability[offset + j];
            }

            s = model.Next[offset + j];
            discount *= model.Gamma;
        }

        return total;
    }

    /// <summary>The fixed-point sum of returns and of their squares over trajectories [<paramref name="first"/>, <paramref name="end"/>).</summary>
    public static (Int128 Sum, Int128 SumOfSquares) Sums(
        MdpModel model, int start, int horizon, ulong seed, long first, long end, CancellationToken cancellationToken = default)
    {
        Int128 sum = 0, squares = 0;
        for (var i = first; i < end; i++)
        {
            if ((i - first) % CancellationCheckInterval == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var fixedPoint = ToFixed(Return(model, start, horizon, seed, i));
            sum += fixedPoint;
            squares += (Int128)fixedPoint * fixedPoint;
        }

        return (sum, squares);
    }

    /// <summary>round(G·2^FractionBits), ties to even.</summary>
    public static long ToFixed(double value) => (long)Math.Round(Math.ScaleB(value, FractionBits), MidpointRounding.ToEven);
}
