using System.Globalization;
using System.Text.Json.Nodes;
using SerialCluster.Workloads.Parameters;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Workloads.Eca;

/// <summary>
/// Direct simulation in strips with ghost zones: stage b advances every strip from time b·halo by up to <c>halo</c> steps. A task gets its strip plus
/// <c>halo</c> cells of each neighbour, steps the segment while its exact part shrinks a cell per side per step, and returns its strip: strips exchange
/// once per <c>halo</c> steps instead of every step, for about <c>halo</c> recomputed cells per strip per step. The centre strip carries the centre
/// column. Pinned mode steps the whole row in one chain (<see cref="CreateWholeChain"/>).
/// </summary>
public sealed class EcaPlan : WorkloadPlan
{
    /// <summary>The plan's own halo keeps the stages at most this many.</summary>
    public const int AutoStages = 1024;

    private readonly EcaGeometry _geometry;

    internal EcaPlan(ParameterValues parameters, EcaGeometry geometry, long halo)
        : base(parameters, EcaWorkload.UnitName, CreateStages(geometry, halo))
    {
        _geometry = geometry;
        Halo = halo;
    }

    /// <summary>Steps per stage, and ghost cells per side of every strip.</summary>
    public long Halo { get; }

    public override long TaskUnits(int stage, int task)
    {
        var (start, steps) = Block(stage);
        return _geometry.ConeUnits(_geometry.StripStart(task), _geometry.StripEnd(task), start, steps);
    }

    public override byte[] CreateTaskInput(int stage, int task, IReadOnlyList<byte[]> previousOutputs)
    {
        if (stage == 0)
        {
            return [];
        }

        var (start, steps) = Block(stage);
        var first = _geometry.StripStart(task) - steps;
        var cells = _geometry.StripEnd(task) - _geometry.StripStart(task) + (2 * steps);
        var segment = new ulong[EcaBits.WordsFor(cells)];
        _geometry.Gather(new EcaStripRow(_geometry, previousOutputs), start, first, cells, segment);
        var columnBytes = CarriesColumn(task) ? EcaBits.WordsFor(start + 1) * 8 : 0;
        var input = new byte[(segment.Length * 8) + columnBytes];
        EcaBits.WriteBytes(segment, input);
        if (columnBytes > 0)
        {
            previousOutputs[task].AsSpan(_geometry.StripWords(task) * 8, columnBytes).CopyTo(input.AsSpan(segment.Length * 8));
        }

        return input;
    }

    public override byte[] RunTask(int stage, int task, byte[] input, CancellationToken cancellationToken)
    {
        var (start, steps) = Block(stage);
        var stripStart = _geometry.StripStart(task);
        var stripCells = _geometry.StripEnd(task) - stripStart;
        var first = stripStart - steps;
        var cells = stripCells + (2 * steps);
        var words = EcaBits.WordsFor(cells);
        ReadOnlySpan<ulong> segment;
        if (stage == 0)
        {
            var initial = new ulong[words];
            _geometry.Gather(new EcaInitialRow(_geometry), 0, first, cells, initial);
            segment = initial;
        }
        else
        {
            segment = EcaBits.ReadWords(input, 0, words);
        }

        ulong[]? column = null;
        long columnBits = 0;
        if (CarriesColumn(task))
        {
            column = new ulong[EcaBits.WordsFor(start + steps + 1)];
            if (stage > 0)
            {
                columnBits = start + 1;
                EcaBits.ReadWords(input, words, EcaBits.WordsFor(columnBits)).CopyTo(column);
            }
        }

        var row = new EcaRow(_geometry, segment, cells, start, ring: false, shrink: true, first, _geometry.Center - first, column, columnBits);
        row.Advance(steps, cancellationToken);
        var strip = new ulong[_geometry.StripWords(task)];
        EcaBits.Copy(row.Snapshot(), steps, strip, 0, stripCells);
        var output = new byte[(strip.Length + (column?.Length ?? 0)) * 8];
        EcaBits.WriteBytes(strip, output);
        if (column is not null)
        {
            EcaBits.WriteBytes(column, output.AsSpan(strip.Length * 8));
        }

        return output;
    }

    public override IChainRun? CreateWholeChain() => new EcaChainRun(_geometry);

    public override JsonObject FinishWholeChain(byte[] output) => EcaResult.FromWholeRow(_geometry, output);

    /// <summary>Fewer strips (one and two per core, or as now), each with no halo, the largest, or a 4× or 16× longer one.</summary>
    public override IReadOnlyList<IReadOnlyDictionary<string, string>> CoarserSplits(int slots)
    {
        var steps = Parameters.GetInteger("steps");
        var splits = new List<IReadOnlyDictionary<string, string>>();
        foreach (var strips in CoarserSplit.TaskCounts(_geometry.Strips, slots, includeSelf: true))
        {
            foreach (var halo in new[] { 0, Math.Min(steps, EcaWorkload.MaxHalo), Math.Min(steps, 4 * Halo), Math.Min(steps, 16 * Halo) }.Distinct())
            {
                splits.Add(CoarserSplit.Of(("strips", strips), ("halo", halo)));
            }
        }

        return splits;
    }

    /// <summary>
    /// A block of h steps: each strip also computes its halos, whose exact part shrinks one cell per side per step, so
    /// a strip of s cells computes s + (h − 1) cells per step on average; it receives its strip and both halos and
    /// returns its strip.
    /// </summary>
    public override TaskCost? TaskCostOf(int stage)
    {
        if (Stages[stage].Kind == StageKind.Chain)
        {
            return null;
        }

        var steps = Math.Min(Halo, _geometry.Steps - (stage * Halo));
        var strip = (double)_geometry.Cells / _geometry.Strips;
        var factor = 1.0 + (Math.Max(0, steps - 1) / Math.Max(1.0, strip));
        var inBytes = stage == 0 ? 0 : (long)((strip + (2 * steps)) / 8);
        var outBytes = (long)(strip / 8);
        return new TaskCost(Math.Max(1, steps), factor, inBytes + outBytes);
    }

    public override long? WholeChainSteps() => _geometry.Steps;

    public override JsonObject Finish(IReadOnlyList<byte[]> lastStageOutputs) => EcaResult.FromStrips(_geometry, lastStageOutputs);

    /// <summary>The halo a plan uses: the one asked for (at most steps), or about an eighth of a strip, fewer than <see cref="AutoStages"/> stages.</summary>
    internal static long ChooseHalo(EcaGeometry geometry, long requested)
    {
        if (requested > 0)
        {
            return Math.Min(requested, geometry.Steps);
        }

        var strip = (geometry.Cells + geometry.Strips - 1) / geometry.Strips;
        var halo = Math.Max(Math.Max(1, strip / 8), (geometry.Steps + AutoStages - 1) / AutoStages);
        return Math.Min(Math.Min(halo, geometry.Steps), EcaWorkload.MaxHalo);
    }

    private static List<StageSpec> CreateStages(EcaGeometry geometry, long halo)
    {
        var blocks = (int)((geometry.Steps + halo - 1) / halo);
        var stages = new List<StageSpec>(blocks);
        for (var b = 0; b < blocks; b++)
        {
            var start = b * halo;
            var steps = Math.Min(halo, geometry.Steps - start);
            long largest = 0;
            for (var strip = 0; strip < geometry.Strips; strip++)
            {
                largest = Math.Max(largest, geometry.ConeUnits(geometry.StripStart(strip), geometry.StripEnd(strip), start, steps));
            }

            var name = string.Create(CultureInfo.InvariantCulture, $"steps {start + 1}-{start + steps}");
            stages.Add(StageSpec.Parallel(name, geometry.Strips, geometry.ConeUnits(0, geometry.Cells, start, steps), largest));
        }

        return stages;
    }

    private (long Start, long Steps) Block(int stage)
    {
        var start = stage * Halo;
        return (start, Math.Min(Halo, _geometry.Steps - start));
    }

    private bool CarriesColumn(int task) => _geometry.RecordCenter && task == _geometry.CenterStrip;
}
