using System.Globalization;
using System.Text.Json.Nodes;
using SerialCluster.Workloads.Parameters;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Workloads.Eca;

/// <summary>
/// Rule 90 by the doubling jump: it is linear over GF(2), s(t+1) = (S⁻¹ + S)·s(t) with S the shift, and squaring in characteristic 2 gives
/// s(t + 2^k)(x) = s(t)(x − 2^k) xor s(t)(x + 2^k). One stage per set bit of <c>steps</c>: popcount(steps) ≤ log₂ steps + 1 jumps instead of
/// <c>steps</c> dependent rows. A stage's strips are independent tasks; each receives its strip's two shifted copies and returns their xor.
/// </summary>
public sealed class EcaShortcutPlan : WorkloadPlan
{
    private readonly EcaGeometry _geometry;
    private readonly long[] _jumps;
    private readonly long[] _timeBefore;

    internal EcaShortcutPlan(ParameterValues parameters, EcaGeometry geometry)
        : base(parameters, EcaWorkload.UnitName, CreateStages(geometry))
    {
        _geometry = geometry;
        _jumps = Jumps(geometry.Steps);
        _timeBefore = new long[_jumps.Length];
        for (var i = 1; i < _jumps.Length; i++)
        {
            _timeBefore[i] = _timeBefore[i - 1] + _jumps[i - 1];
        }
    }

    public override long TaskUnits(int stage, int task) => _geometry.StripEnd(task) - _geometry.StripStart(task);

    public override byte[] CreateTaskInput(int stage, int task, IReadOnlyList<byte[]> previousOutputs)
    {
        if (stage == 0)
        {
            return [];
        }

        var words = _geometry.StripWords(task);
        var shifted = new ulong[2 * words];
        Shifted(new EcaStripRow(_geometry, previousOutputs), stage, task, shifted);
        var input = new byte[shifted.Length * 8];
        EcaBits.WriteBytes(shifted, input);
        return input;
    }

    public override byte[] RunTask(int stage, int task, byte[] input, CancellationToken cancellationToken)
    {
        var words = _geometry.StripWords(task);
        ReadOnlySpan<ulong> shifted;
        if (stage == 0)
        {
            var initial = new ulong[2 * words];
            Shifted(new EcaInitialRow(_geometry), stage, task, initial);
            shifted = initial;
        }
        else
        {
            shifted = EcaBits.ReadWords(input, 0, 2 * words);
        }

        var strip = new ulong[words];
        for (var i = 0; i < words; i++)
        {
            strip[i] = shifted[i] ^ shifted[words + i];
        }

        var output = new byte[words * 8];
        EcaBits.WriteBytes(strip, output);
        return output;
    }

    public override IChainRun? CreateWholeChain() => new EcaShortcutChainRun(_geometry, _jumps);

    public override JsonObject FinishWholeChain(byte[] output) => EcaResult.FromWholeRow(_geometry, output);

    public override JsonObject Finish(IReadOnlyList<byte[]> lastStageOutputs) => EcaResult.FromStrips(_geometry, lastStageOutputs);

    /// <summary>The powers of two that sum to <paramref name="steps"/>, smallest first.</summary>
    internal static long[] Jumps(long steps)
    {
        var jumps = new List<long>();
        for (var k = 0; k < 63; k++)
        {
            if (((steps >> k) & 1) != 0)
            {
                jumps.Add(1L << k);
            }
        }

        return [.. jumps];
    }

    private static List<StageSpec> CreateStages(EcaGeometry geometry)
    {
        var largest = geometry.LargestStrip;
        var stages = new List<StageSpec>();
        foreach (var jump in Jumps(geometry.Steps))
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"jump {jump}");
            stages.Add(StageSpec.Parallel(name, geometry.Strips, geometry.Cells, largest));
        }

        return stages;
    }

    /// <summary>The strip's cells shifted by −jump into the first half of <paramref name="destination"/>, by +jump into the second.</summary>
    private void Shifted(IEcaRowSource source, int stage, int task, Span<ulong> destination)
    {
        var words = _geometry.StripWords(task);
        var start = _geometry.StripStart(task);
        var cells = _geometry.StripEnd(task) - start;
        var jump = _jumps[stage];
        _geometry.Gather(source, _timeBefore[stage], start - jump, cells, destination[..words]);
        _geometry.Gather(source, _timeBefore[stage], start + jump, cells, destination[words..]);
    }
}
