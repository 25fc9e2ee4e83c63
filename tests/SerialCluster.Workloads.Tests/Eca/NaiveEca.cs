using System.Security.Cryptography;
using System.Text;
using SerialCluster.Workloads.Randomness;

namespace SerialCluster.Workloads.Tests.Eca;

/// <summary>
/// A test-side elementary CA straight from the definition, one bool per cell, sharing no code with the
/// bit-parallel kernel: a ring indexed modulo width, or an explicit line one cell wider than the cone on each
/// side with the (rule-driven) background beyond it.
/// </summary>
internal static class NaiveEca
{
    public static (long Population, string Row, string Column) Run(int rule, int steps, int width, bool random, bool ring, ulong seed)
    {
        var background = false;
        var live = random ? width : 1;
        var pad = ring ? 0 : steps + 1;
        var n = ring ? width : live + (2 * pad);
        var centre = ring ? width / 2 : pad + (live / 2);
        var row = new bool[n];
        if (random)
        {
            for (var j = 0; j < live; j++)
            {
                row[pad + j] = (SplitMix64.At(seed, (ulong)j) & 1) != 0;
            }
        }
        else
        {
            row[centre] = true;
        }

        var column = new StringBuilder();
        column.Append(row[centre] ? '1' : '0');
        for (var t = 0; t < steps; t++)
        {
            var next = new bool[n];
            for (var x = 0; x < n; x++)
            {
                bool l, r;
                if (ring)
                {
                    l = row[(x + n - 1) % n];
                    r = row[(x + 1) % n];
                }
                else
                {
                    l = x > 0 ? row[x - 1] : background;
                    r = x < n - 1 ? row[x + 1] : background;
                }

                var index = (l ? 4 : 0) + (row[x] ? 2 : 0) + (r ? 1 : 0);
                next[x] = ((rule >> index) & 1) != 0;
            }

            background = ((rule >> (background ? 7 : 0)) & 1) != 0;
            row = next;
            column.Append(row[centre] ? '1' : '0');
        }

        var kept = ring ? row : row[1..^1];
        var text = new string([.. kept.Select(c => c ? '1' : '0')]);
        return (kept.LongCount(c => c), text, column.ToString());
    }

    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(text)));
}
