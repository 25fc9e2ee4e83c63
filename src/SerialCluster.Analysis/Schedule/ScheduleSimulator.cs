using MathNet.Numerics.RootFinding;

namespace SerialCluster.Analysis.Schedule;

/// <summary>
/// Replays a measured job's tasks on a hypothetical machine (assumptions in docs/ANALYSIS.md, "whatif"): stages run
/// in turn with a barrier between them; a chain stage is one task on the fastest core; a wide stage's tasks are
/// list-scheduled in plan order to the core that frees first, as the dispatcher does; compute divides by the core's
/// speed, and a fixed dispatch time per task does not. Cores do not contend, and the work does not change with the machine.
/// </summary>
public static class ScheduleSimulator
{
    public static double Makespan(IReadOnlyList<StageCosts> stages, MachineScenario machine, double dispatchSeconds)
    {
        Validate(machine);
        var total = 0.0;
        foreach (var stage in stages)
        {
            total += StageMakespan(stage, machine, dispatchSeconds);
        }

        return total;
    }

    public static double StageMakespan(StageCosts stage, MachineScenario machine, double dispatchSeconds)
    {
        Validate(machine);
        if (stage.TaskSeconds.Count == 0)
        {
            return 0;
        }

        if (stage.Chain)
        {
            return stage.TaskSeconds.Sum(t => (t / machine.Speed) + dispatchSeconds);
        }

        // Cores free at the same moment are taken fastest first (CoreSpeeds is sorted fastest first, so by index); with
        // fewer tasks than cores only the fastest ever run one. Identical cores give the old results bit for bit: which
        // of two equal cores takes a task changes nothing.
        var slots = Math.Min(machine.Cores, stage.TaskSeconds.Count);
        var free = new PriorityQueue<int, (double At, int Core)>();
        for (var core = 0; core < slots; core++)
        {
            free.Enqueue(core, (0, core));
        }

        var end = 0.0;
        foreach (var seconds in stage.TaskSeconds)
        {
            free.TryDequeue(out var core, out var slot);
            var finish = slot.At + (seconds / machine.SpeedOf(core)) + dispatchSeconds;
            end = Math.Max(end, finish);
            free.Enqueue(core, (finish, core));
        }

        return end;
    }

    /// <summary>
    /// The dispatch time per task that makes the simulated run on the measured machine take the measured wall time
    /// (found with MathNet's Brent root finder); 0 when the tasks alone already take that long.
    /// </summary>
    public static double CalibrateDispatch(IReadOnlyList<StageCosts> stages, int measuredCores, double measuredWallSeconds)
    {
        var machine = new MachineScenario(measuredCores, 1);
        double Gap(double h) => Makespan(stages, machine, h) - measuredWallSeconds;
        var tasks = stages.Sum(s => s.TaskSeconds.Count);
        if (tasks == 0 || Gap(0) >= 0)
        {
            return 0;
        }

        // Every task pays h at least once on the critical path of its stage, so h = wall brackets the root.
        var upper = Math.Max(measuredWallSeconds, 1e-9);

        return Brent.FindRoot(Gap, 0, upper, accuracy: 1e-9 * Math.Max(1, measuredWallSeconds), maxIterations: 200);
    }

    private static void Validate(MachineScenario machine)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(machine.Cores, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(machine.Speed);
        if (machine.CoreSpeeds is { } speeds && speeds.Count != machine.Cores)
        {
            throw new ArgumentException($"the machine lists {speeds.Count} core speeds for {machine.Cores} cores", nameof(machine));
        }
    }
}
