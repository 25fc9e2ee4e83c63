using SerialCluster.Workloads.Randomness;

namespace SerialCluster.Workloads.Cvp;

/// <summary>
/// <c>width</c> inputs, then <c>layers</c> layers of <c>width</c> two-input gates, each reading two distinct signals of the layer below (depth = layers).
/// From SplitMix64 stream r(k) of <c>seed</c>: input i is the lowest bit of r(i); gate j of layer l (from 1), g = (l−1)·width + j, uses r = r(width + g):
/// kind = [AND, OR, NAND, NOR, XOR, XNOR][r mod 6], a = (r ≫ 8) mod width, b = (a + 1 + (r ≫ 36) mod (width − 1)) mod width (b = a when width = 1).
/// The outputs are the last layer's gates, in order.
/// </summary>
public static class LayeredCircuitGenerator
{
    private static readonly GateKind[] Kinds = [GateKind.And, GateKind.Or, GateKind.Nand, GateKind.Nor, GateKind.Xor, GateKind.Xnor];

    public static Netlist Generate(int layers, int width, ulong seed)
    {
        var gates = checked(layers * width);
        var kinds = new GateKind[gates];
        var first = new int[gates + 1];
        var fanIn = new int[checked(2 * gates)];
        var level = new int[gates];
        for (var g = 0; g < gates; g++)
        {
            var layer = (g / width) + 1;
            var below = layer == 1 ? 0 : width + ((layer - 2) * width);
            var r = SplitMix64.At(seed, (ulong)(width + g));
            var a = (int)((r >> 8) % (ulong)width);
            var b = width == 1 ? a : (int)((a + 1 + (long)((r >> 36) % (ulong)(width - 1))) % width);
            kinds[g] = Kinds[(int)(r % 6)];
            first[g + 1] = 2 * (g + 1);
            fanIn[2 * g] = below + a;
            fanIn[(2 * g) + 1] = below + b;
            level[g] = layer;
        }

        var outputs = new int[width];
        for (var j = 0; j < width; j++)
        {
            outputs[j] = gates + j; // signal id of gate j of the last layer: width inputs + (layers − 1)·width gates before it
        }

        return Netlist.FromLevels(width, kinds, first, fanIn, level, outputs);
    }

    /// <summary>The default input bits: bit i = lowest bit of SplitMix64 output i of <paramref name="seed"/>.</summary>
    public static byte[] DefaultInputs(ulong seed, int count)
    {
        var bits = new byte[count];
        for (var i = 0; i < count; i++)
        {
            bits[i] = (byte)(SplitMix64.At(seed, (ulong)i) & 1);
        }

        return bits;
    }
}
