using System.Globalization;
using SerialCluster.Kernels.Parameters;
using SerialCluster.Kernels.Plans;

namespace SerialCluster.Kernels.Workloads.Mdp;

/// <summary>
/// Dynamic programming over a Markov decision process by synchronous sweeps: policy evaluation on Sutton
/// &amp; Barto's 4×4 gridworld, or value iteration on a random MDP. Sweeps form a serial chain (each needs the
/// whole previous value vector); the states of one sweep are independent.
/// </summary>
public sealed class MdpWorkload : Workload
{
    public const string UnitName = "backups";
    public const int MaxStates = 100_000;
    public const int MaxActions = 64;
    public const int MaxSuccessors = 16;
    public const int MaxTransitions = 1 << 22;
    public const int MaxHorizon = 100_000;
    public const int MaxTasks = 4096;

    private static readonly ParameterSpec[] Specs =
    [
        ParameterSpec.Choice(
            "preset", "sutton4x4", ["sutton4x4", "random"],
            "sutton4x4: evaluate the equiprobable random policy on Sutton & Barto's Example 4.1 gridworld; random: value iteration on a random MDP"),
        ParameterSpec.Integer("states", 10_000, 2, MaxStates, "random: number of states"),
        ParameterSpec.Integer("actions", 4, 1, MaxActions, "random: actions per state"),
        ParameterSpec.Integer("successors", 3, 1, MaxSuccessors, $"random: successor states per (state, action); states·actions·successors ≤ {MaxTransitions:N0}"),
        ParameterSpec.Integer("seed", 42, 0, long.MaxValue, "random: SplitMix64 seed of the MDP"),
        ParameterSpec.Real("gamma", 1.0, 0.0, 1.0, "discount factor γ"),
        ParameterSpec.Integer("horizon", 1000, 1, MaxHorizon, "sweeps at most (the finite horizon)"),
        ParameterSpec.Real("tolerance", 1e-10, 0.0, 1e6, "stop once a sweep changes no value by tolerance or more (0: run the whole horizon)"),
        ParameterSpec.Integer("tasks", 4, 1, MaxTasks, "blocks of states swept in parallel (at most states; left out: min(4, states))"),
    ];

    public override string Name => "mdp";

    public override string Summary =>
        "synchronous value sweeps V ← max_a or mean_a [r + γ·P·V] until max |ΔV| < tolerance or horizon sweeps; values, iterations, residual, policy";

    public override string Lesson =>
        "the horizon is a serial chain (each sweep needs the whole last one) while states within a sweep are parallel: speedup is capped by sweeps × barrier cost";

    public override string Unit => UnitName;

    public override string WorkFormula => "horizon · states · actions · successors (sutton4x4: 16 states, 4 actions, 1 successor; sweeps after convergence only copy)";

    public override string SpanFormula => "horizon · ceil(states / tasks) · actions · successors";

    public override IReadOnlyList<ParameterSpec> Parameters => Specs;

    public override IReadOnlyDictionary<string, string> Example { get; } = new Dictionary<string, string>
    {
        ["preset"] = "random", ["states"] = "2000", ["actions"] = "4", ["successors"] = "3", ["gamma"] = "0.9",
        ["horizon"] = "300", ["tolerance"] = "1e-9", ["tasks"] = "4",
    };

    protected override IEnumerable<(string Name, long Value)> AdaptDefaults(ParameterValues values)
    {
        var states = values.GetString("preset") == "sutton4x4" ? 16 : values.GetInteger("states");
        return [("tasks", Math.Min(values.GetInteger("tasks"), states))];
    }

    public override WorkloadPlan Compile(ParameterValues parameters)
    {
        var gamma = parameters.GetReal("gamma");
        MdpShape shape;
        if (parameters.GetString("preset") == "sutton4x4")
        {
            shape = new MdpShape(16, 4, 1, Optimize: false, () => MdpModel.Sutton4x4(gamma));
        }
        else
        {
            var states = parameters.GetInt32("states");
            var actions = parameters.GetInt32("actions");
            var successors = parameters.GetInt32("successors");
            var seed = (ulong)parameters.GetInteger("seed");
            if ((long)states * actions * successors > MaxTransitions)
            {
                throw new InvalidParameterException(
                    ParameterErrorKind.OutOfRange, Name, "states", states.ToString(CultureInfo.InvariantCulture),
                    $"states·actions·successors ≤ {MaxTransitions.ToString("N0", CultureInfo.InvariantCulture)} (here {actions} actions × {successors} successors)");
            }

            shape = new MdpShape(states, actions, successors, Optimize: true, () => MdpModel.Random(states, actions, successors, seed, gamma));
        }

        var tasks = parameters.GetInteger("tasks");
        if (tasks > shape.States)
        {
            throw new InvalidParameterException(
                ParameterErrorKind.OutOfRange, Name, "tasks", tasks.ToString(CultureInfo.InvariantCulture),
                $"at most states ({shape.States}) so that every task owns a state");
        }

        return new MdpPlan(parameters, shape);
    }
}
