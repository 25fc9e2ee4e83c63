using SerialCluster.Workloads.Plans;

namespace SerialCluster.Benchmarks.Workloads;

/// <summary>
/// A workload compiled once and run start to finish as pinned mode runs it: its whole-job chain when the plan
/// offers one, else its single chain stage. One run is <see cref="Units"/> of the workload's unit.
/// </summary>
public sealed class WholeRun
{
    private readonly WorkloadPlan _plan;

    public WholeRun(string workload, IReadOnlyDictionary<string, string> parameters, long expectedUnits)
    {
        _plan = WorkloadCatalog.Get(workload).Plan(parameters);
        if (_plan.Work != expectedUnits)
        {
            throw new InvalidOperationException($"{workload}: the plan has {_plan.Work} units, the benchmark declares {expectedUnits}.");
        }

        Units = _plan.Work;
        Run(); // warm any lazily built tables outside the measurement
    }

    public long Units { get; }

    public int Run()
    {
        var chain = _plan.CreateWholeChain() ?? SingleChainStage();
        chain.Advance(chain.TotalSteps);
        return chain.Output().Length;
    }

    private IChainRun SingleChainStage() =>
        _plan.Stages is [{ Kind: StageKind.Chain }]
            ? _plan.StartChain(0, _plan.CreateTaskInput(0, 0, []))
            : throw new InvalidOperationException("The plan has neither a whole-job chain nor a single chain stage.");
}
