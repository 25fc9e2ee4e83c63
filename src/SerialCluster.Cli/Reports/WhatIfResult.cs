using SerialCluster.Abstractions.Jobs;
using SerialCluster.Analysis.Schedule;

namespace SerialCluster.Cli.Reports;

/// <summary>
/// What whatif computed: the measured job and its calibrated model, the scenarios' predictions, the answer, checks against
/// measured points, and the best single-core time of the same parameters (a sweep's pinned baseline, else the job's
/// <see cref="SerialReference"/>) that every scenario's absolute speedup divides; null when nothing measured or predicted it.
/// </summary>
public sealed record WhatIfResult(
    MeasuredJob Job,
    string Source,
    WhatIfModel Model,
    IReadOnlyList<(MachineScenario Scenario, double Seconds)> Predictions,
    WhatIfAnswer Answer,
    IReadOnlyList<WhatIfCheck> Checks,
    SerialReference? Serial = null)
{
    public static readonly IReadOnlyList<string> Assumptions =
    [
        "stages run one after another, with a barrier between them (as the plan says)",
        "a chain stage is one task on one core: more cores never shorten it",
        "a wide stage's tasks are list-scheduled in plan order, each to the core that frees first (what the dispatcher does with P slots)",
        "each task's measured compute time divides by the speed factor; nothing else changes with the machine",
        "cores of different speeds (--core-speeds): each task goes to the core that frees first, ties to the faster one (the dispatcher sends each new task " +
        "to the silo with the lowest share of its cores in use, and never holds a task back for a faster silo, so a slow core may take the last task and end " +
        "the stage late); a chain runs on the fastest core, where placement pins chains; at parallelism P only the P fastest cores run tasks",
        "each task also costs the dispatch time calibrated from the measured job (hop to a worker and back, bookkeeping), which faster cores do not shorten",
        "the job's time outside its stages (planning, the cost model's probe, assembling the result) is fixed",
        "cores are independent: no shared memory-bandwidth, cache or network contention beyond that dispatch time",
        "the measured job's task times are the truth: if they were inflated by a busy machine, so are the predictions",
    ];
}
