using System.Numerics;
using System.Runtime.InteropServices;

namespace SerialCluster.Workloads.Mdp;

/// <summary>
/// Dense algebra of policy evaluation by squaring: the affine map V ↦ b + A·V (A = γ·P_π, b = r_π), its square (A², b + A·b) and its application, each
/// over a block of rows, so a product's rows are independent tasks. Bit-identical whatever the split: every element sums k ascending from 0.0, products
/// and sums rounded separately (never fused). Zero terms are not skipped, so the multiply-adds done equal the plan's dense units, which the profile and
/// the cost model read.
/// </summary>
public static class MdpSquaringKernel
{
    /// <summary>Rows of the right operand kept hot while a block of rows runs over them (32 × 2,048 doubles: 512 KiB).</summary>
    private const int KBlock = 32;

    /// <summary>
    /// A = γ·P_π and b = r_π of the equiprobable random policy, dense and row-major: P_π[s, s'] sums (1/actions)·p over
    /// every action and successor of s that leads to s' (actions, then successors, in order), and r_π[s] sums
    /// (1/actions)·r(s, a) in action order.
    /// </summary>
    public static (double[] A, double[] B) Affine(MdpModel model)
    {
        var n = model.States;
        var weight = 1.0 / model.Actions;
        var a = new double[(long)n * n];
        var b = new double[n];
        for (var s = 0; s < n; s++)
        {
            var row = a.AsSpan(s * n, n);
            for (var action = 0; action < model.Actions; action++)
            {
                var pair = (s * model.Actions) + action;
                b[s] += weight * model.Reward[pair];
                for (var j = 0; j < model.Successors; j++)
                {
                    var edge = (pair * model.Successors) + j;
                    row[model.Next[edge]] += weight * model.Probability[edge];
                }
            }

            for (var t = 0; t < n; t++)
            {
                row[t] *= model.Gamma;
            }
        }

        return (a, b);
    }

    /// <summary>
    /// Rows [<paramref name="first"/>, first + count) of A·A into <paramref name="product"/> (count × n, row-major):
    /// product[i, j] = Σ_k A[i, k]·A[k, j], k ascending. Checks <paramref name="cancellationToken"/> between row blocks.
    /// </summary>
    public static void Square(ReadOnlySpan<double> a, int n, int first, int count, Span<double> product, CancellationToken cancellationToken)
    {
        if (a.Length != (long)n * n || product.Length != (long)count * n || first < 0 || first + count > n)
        {
            throw new ArgumentException("The matrices do not fit.");
        }

        product.Clear();
        for (var k0 = 0; k0 < n; k0 += KBlock)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var k1 = Math.Min(n, k0 + KBlock);
            for (var i = 0; i < count; i++)
            {
                var left = a.Slice((first + i) * n, n);
                var row = product.Slice(i * n, n);
                for (var k = k0; k < k1; k++)
                {
                    AddScaled(row, left[k], a.Slice(k * n, n));
                }
            }
        }
    }

    /// <summary>
    /// Rows [<paramref name="first"/>, first + result.Length) of A·x + c: Σ_k A[i, k]·x[k] (k ascending) plus c[i], added last.
    /// </summary>
    public static void Apply(ReadOnlySpan<double> a, int n, int first, ReadOnlySpan<double> x, ReadOnlySpan<double> c, Span<double> result)
    {
        if (a.Length != (long)n * n || x.Length != n || c.Length != n || first < 0 || first + result.Length > n)
        {
            throw new ArgumentException("The vectors do not fit the matrix.");
        }

        for (var i = 0; i < result.Length; i++)
        {
            var row = a.Slice((first + i) * n, n);
            var sum = 0.0;
            for (var k = 0; k < n; k++)
            {
                sum += row[k] * x[k];
            }

            result[i] = sum + c[first + i];
        }
    }

    /// <summary>row[j] += factor · right[j] for every j: a product then a sum, each rounded (never fused).</summary>
    private static void AddScaled(Span<double> row, double factor, ReadOnlySpan<double> right)
    {
        var j = 0;
        if (Vector.IsHardwareAccelerated && row.Length >= Vector<double>.Count)
        {
            var scale = new Vector<double>(factor);
            var rows = MemoryMarshal.Cast<double, Vector<double>>(row);
            var rights = MemoryMarshal.Cast<double, Vector<double>>(right);
            for (var v = 0; v < rows.Length; v++)
            {
                rows[v] += scale * rights[v];
            }

            j = rows.Length * Vector<double>.Count;
        }

        for (; j < row.Length; j++)
        {
            row[j] += factor * right[j];
        }
    }
}
