using System.Diagnostics;
using System.Runtime.InteropServices;

namespace SerialCluster.Kernels.Workloads.Cvp;

/// <summary>
/// What each task reads and writes, so task inputs carry only the values they need. Between stages s−1 and s the
/// job's state is the frame F(s−1): the values of every signal made by stage s−1 or earlier that someone reads
/// after stage s−1 (or that is an output), laid out as the concatenation of stage s−1's task outputs. Task k of
/// stage s receives (1) the values of the signals its gates read from earlier stages ("need"), and (2) its slice of
/// the signals of F(s−1) that are still read after stage s ("pass": carried through untouched); it returns the pass
/// slice followed by those of its own gates that are read later or are outputs ("live"). So a barrier moves about
/// the circuit's cut width in bits, not the n/8 bytes of every value so far; the price is these tables, built once
/// per silo, and a few bit copies per carried value. They are built stage by stage, as far as a caller needs
/// (<see cref="BuildThrough"/>): the cost probe's first task needs the first stage's, not a pass over every wire.
/// Bits are packed least significant first after a 4-byte little-endian header: the largest level of a gate whose
/// value is 1 seen so far (0 for none), which the dual-rail result reports as depthOfOnes.
/// </summary>
internal sealed class CvpTaskTables
{
    public const int HeaderBytes = 4;

    private readonly CvpStaging _staging;
    private readonly Action<long> _built;
    private readonly Lock _gate = new();
    private volatile int _stagesBuilt;
    private CvpTaskTableBuilder? _builder;

    /// <param name="staging">The cut the tables describe.</param>
    /// <param name="built">Told the Stopwatch ticks of each build step, to count them as the plan's build.</param>
    public CvpTaskTables(CvpStaging staging, Action<long> built)
    {
        _staging = staging;
        _built = built;
        var tasks = staging.TotalTasks;
        NeedStart = new int[tasks + 1];
        PassStart = new int[tasks + 1];
        LiveStart = new int[tasks + 1];
    }

    /// <summary>
    /// Parallel to the circuit's fan-in array: each wire's index in its task's local value array, which holds the
    /// task's own gates first (gate g at g − the task's first gate) and then its needed values.
    /// </summary>
    public int[] LocalFanIn { get; set; } = [];

    /// <summary>
    /// Where each needed value comes from: (previous-stage task ≪ 32) | bit, or the input index in stage 0. Sized for
    /// one entry per wire; <see cref="NeedStart"/> bounds the part in use.
    /// </summary>
    public long[] NeedSource { get; set; } = [];

    /// <summary>Per global task, its range in <see cref="NeedSource"/> (task t: NeedStart[t] to NeedStart[t + 1]).</summary>
    public int[] NeedStart { get; }

    /// <summary>Where each passed value comes from, as <see cref="NeedSource"/>; grows (and is replaced) as stages are built.</summary>
    public long[] PassSource { get; set; } = [];

    public int[] PassStart { get; }

    /// <summary>Gates (offsets within their task) whose values leave the task; <see cref="LiveStart"/> bounds the part in use.</summary>
    public int[] LiveGate { get; set; } = [];

    public int[] LiveStart { get; }

    /// <summary>Where each output's value is in the last stage's outputs: (task ≪ 32) | bit; set once every stage is built.</summary>
    public long[] OutputSource { get; set; } = [];

    /// <summary>
    /// Builds the tables of stages 0..<paramref name="stage"/> unless built. Thread-safe; the build is timed inside the
    /// lock (a caller that waits for another's build counts nothing), and a stage's tables, once built, never change.
    /// </summary>
    public CvpTaskTables BuildThrough(int stage)
    {
        if (_stagesBuilt > stage)
        {
            return this;
        }

        lock (_gate)
        {
            if (_stagesBuilt > stage)
            {
                return this; // built by the caller this one waited for; its build is counted there
            }

            var start = Stopwatch.GetTimestamp();
            var builder = _builder ??= new CvpTaskTableBuilder(this, _staging);
            while (_stagesBuilt <= stage)
            {
                builder.Build(_stagesBuilt);
                if (_stagesBuilt + 1 == _staging.StageCount)
                {
                    OutputSource = builder.OutputSources();
                    _builder = null; // its per-signal arrays are not needed any more
                }

                _stagesBuilt++; // volatile: published after the stage's tables
            }

            _built(Stopwatch.GetTimestamp() - start);
        }

        return this;
    }
}
