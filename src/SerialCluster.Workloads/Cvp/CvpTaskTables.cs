using System.Diagnostics;
using System.Runtime.InteropServices;

namespace SerialCluster.Workloads.Cvp;

/// <summary>
/// What each task reads and writes, so a barrier carries about the circuit's cut width in bits, not every value so far. Frame F(s−1) holds the values
/// made by stage s−1 or earlier that are read later (or are outputs), as stage s−1's task outputs in order. Task k of stage s receives its "need" (earlier
/// values its gates read) and its "pass" slice of F(s−1) still read after s; it returns pass, then "live" (its gates read later or output). Built stage
/// by stage (<see cref="BuildThrough"/>); bits LSB first after a 4-byte header: the highest level of a 1 gate so far (dual rail's depthOfOnes).
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
