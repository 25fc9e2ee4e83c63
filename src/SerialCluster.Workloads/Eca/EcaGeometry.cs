using SerialCluster.Workloads.Parameters;

namespace SerialCluster.Workloads.Eca;

/// <summary>
/// Where a job's cells are, numbered 0..Cells−1 and cut into word-aligned strips, one per task. Ring: the <c>width</c> cells of the ring. Zero: an
/// infinite OFF line of which only cells that can differ from the background by the last step are kept: the initial live segment (1 cell for
/// init=single, <c>width</c> for init=random) widened by <c>steps</c> each side; the live region at time t is the cone [LiveStart − t, LiveEnd + t).
/// </summary>
internal sealed class EcaGeometry
{
    private readonly long[] _stripStarts;

    public EcaGeometry(ParameterValues parameters)
    {
        Rule = parameters.GetInt32("rule");
        Steps = parameters.GetInteger("steps");
        Ring = parameters.GetString("boundary") == "ring";
        RandomInit = parameters.GetString("init") == "random";
        Seed = (ulong)parameters.GetInteger("seed");
        RecordCenter = parameters.GetString("record") == "center";
        var width = parameters.GetInteger("width");
        if (Ring)
        {
            Cells = width;
            LiveStart = 0;
            LiveEnd = width;
            Center = width / 2;
        }
        else
        {
            var live = RandomInit ? width : 1;
            Cells = live + (2 * Steps);
            LiveStart = Steps;
            LiveEnd = Steps + live;
            Center = Steps + (live / 2);
        }

        Words = EcaBits.WordsFor(Cells);
        Strips = (int)Math.Min(parameters.GetInteger("strips"), Words);
        _stripStarts = new long[Strips + 1];
        for (var i = 0; i < Strips; i++)
        {
            _stripStarts[i] = 64 * ((long)Words * i / Strips);
        }

        _stripStarts[Strips] = Cells;
        CenterStrip = StripOf(Center);
    }

    public int Rule { get; }

    public long Steps { get; }

    public bool Ring { get; }

    public bool RandomInit { get; }

    public ulong Seed { get; }

    public bool RecordCenter { get; }

    /// <summary>Cells in the row.</summary>
    public long Cells { get; }

    public int Words { get; }

    /// <summary>The centre cell: the single ON cell of init=single, the one <c>record=center</c> follows.</summary>
    public long Center { get; }

    /// <summary>The initial live segment [LiveStart, LiveEnd): outside it the row starts OFF.</summary>
    public long LiveStart { get; }

    public long LiveEnd { get; }

    /// <summary>Strips actually used: the requested count, at most one per 64-cell word.</summary>
    public int Strips { get; }

    public int CenterStrip { get; }

    /// <summary>Live cells (the cone, or the whole ring) updated over all steps: the job's work.</summary>
    public long TotalUnits => ConeUnits(0, Cells, 0, Steps);

    public long StripStart(int strip) => _stripStarts[strip];

    public long StripEnd(int strip) => _stripStarts[strip + 1];

    public int StripWords(int strip) => EcaBits.WordsFor(StripEnd(strip) - StripStart(strip));

    public long LargestStrip
    {
        get
        {
            long largest = 0;
            for (var i = 0; i < Strips; i++)
            {
                largest = Math.Max(largest, StripEnd(i) - StripStart(i));
            }

            return largest;
        }
    }

    public int StripOf(long cell)
    {
        var index = Array.BinarySearch(_stripStarts, 0, Strips, cell);
        return index >= 0 ? index : ~index - 1;
    }

    /// <summary>
    /// The value of every cell outside the live cone at time t (zero boundary). It starts OFF; a rule that
    /// turns 000 ON (odd rules) switches it: ON from then on if 111 stays ON, alternating otherwise. Always
    /// OFF on a ring, where there is nothing outside the row.
    /// </summary>
    public bool Background(long time)
    {
        if (Ring || time == 0 || (Rule & 1) == 0)
        {
            return false;
        }

        return (Rule & 0x80) != 0 || (time & 1) == 1;
    }

    /// <summary>
    /// Σ over t in (t0, t0 + steps] of the cells of [first, end) inside the live cone at t: the cell updates
    /// a strip needs over a block of steps (on a ring, every cell every step).
    /// </summary>
    public long ConeUnits(long first, long end, long t0, long steps)
    {
        if (Ring)
        {
            return (end - first) * steps;
        }

        // |[first, end) ∩ [lo − t, hi + t)| = max(0, (hi − lo) + min(P, t) + min(Q, t)) with P = end − hi and
        // Q = lo − first; nondecreasing in t, so find where it turns positive and sum arithmetic series.
        var p = end - LiveEnd;
        var q = LiveStart - first;
        var width = LiveEnd - LiveStart;
        long Size(long t) => width + Math.Min(p, t) + Math.Min(q, t);
        long a = t0 + 1, b = t0 + steps;
        if (steps <= 0 || Size(b) <= 0)
        {
            return 0;
        }

        long low = a, high = b;
        while (low < high)
        {
            var mid = low + ((high - low) / 2);
            if (Size(mid) > 0)
            {
                high = mid;
            }
            else
            {
                low = mid + 1;
            }
        }

        return (width * (b - low + 1)) + SumMin(p, low, b) + SumMin(q, low, b);
    }

    /// <summary>
    /// Row cells [first, first + count) at <paramref name="time"/> from <paramref name="source"/>, to bits
    /// [0, count) of <paramref name="destination"/>: wrapping around a ring, and the background beyond a line's row.
    /// </summary>
    public void Gather(IEcaRowSource source, long time, long first, long count, Span<ulong> destination)
    {
        long done = 0;
        var x = first;
        while (done < count)
        {
            long n;
            if (Ring)
            {
                var cell = ((x % Cells) + Cells) % Cells;
                n = Math.Min(count - done, Cells - cell);
                source.Read(cell, n, destination, done);
            }
            else if (x < 0 || x >= Cells)
            {
                n = x < 0 ? Math.Min(count - done, -x) : count - done;
                EcaBits.Fill(destination, done, n, Background(time));
            }
            else
            {
                n = Math.Min(count - done, Cells - x);
                source.Read(x, n, destination, done);
            }

            x += n;
            done += n;
        }
    }

    private static long SumMin(long cap, long a, long b)
    {
        static long SumRange(long from, long to) => from > to ? 0 : (from + to) * (to - from + 1) / 2;
        if (cap >= b)
        {
            return SumRange(a, b);
        }

        if (cap < a)
        {
            return cap * (b - a + 1);
        }

        return SumRange(a, cap) + (cap * (b - cap));
    }
}
