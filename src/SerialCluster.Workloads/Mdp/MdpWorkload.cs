using System.Globalization;
using SerialCluster.Workloads.Parameters;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Workloads.Mdp;

/// <summary>
/// Dynamic programming on a Markov decision process by synchronous sweeps: policy evaluation on Sutton &amp; Barto's 4×4 gridworld, or value iteration
/// (or random-policy evaluation) on a random MDP. Sweeps are a serial chain; the states of one sweep are independent. Policy evaluation is linear, so
/// <c>method=squaring</c> (<see cref="MdpSquaringPlan"/>) trades H sweeps for O(log H) dense matrix products: a far shorter span for far more work.
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

    /// <summary>
    /// The most states <c>method=squaring</c> takes: it holds dense n × n matrices (2,048² doubles are 32 MiB, which
    /// every task receives whole) and does ~n³ multiply-adds per level (8.6·10⁹ at 2,048).
    /// </summary>
    public const int MaxDenseStates = 2048;

    /// <summary>
    /// The most tasks <c>method=squaring</c> takes: each task receives the whole matrix, so more tasks copy it more
    /// times than a cluster has cores to use, and 32 stays below the width (64) at which a stage's tasks travel batched,
    /// several matrices to a message.
    /// </summary>
    public const int MaxSquaringTasks = 32;

    private static readonly ParameterSpec[] Specs =
    [
        ParameterSpec.Choice(
            "preset", "sutton4x4", ["sutton4x4", "random"],
            "sutton4x4: evaluate the equiprobable random policy on Sutton & Barto's Example 4.1 gridworld; random: a random MDP (see policy)"),
        ParameterSpec.Choice(
            "policy", "optimal", ["optimal", "uniform"],
            "random: optimal = value iteration, V ← max_a [r + γ·P·V]; uniform = evaluate the equiprobable random policy, V ← mean_a [r + γ·P·V] (sutton4x4 " +
            "always evaluates it)"),
        ParameterSpec.Integer("states", 10_000, 2, MaxStates, "random: number of states"),
        ParameterSpec.Integer("actions", 4, 1, MaxActions, "random: actions per state"),
        ParameterSpec.Integer(
            "successors",
            3,
            1,
            MaxSuccessors,
            $"random: successor states per (state, action); states·actions·successors ≤ {MaxTransitions:N0}"),
        ParameterSpec.Integer("seed", 42, 0, long.MaxValue, "random: SplitMix64 seed of the MDP"),
        ParameterSpec.Real("gamma", 1.0, 0.0, 1.0, "discount factor γ"),
        ParameterSpec.Integer("horizon", 1000, 1, MaxHorizon, "sweeps at most (the finite horizon)"),
        ParameterSpec.Real("tolerance", 1e-10, 0.0, 1e6, "stop once a sweep changes no value by tolerance or more (0: run the whole horizon)"),
        ParameterSpec.Integer(
            "tasks",
            4,
            1,
            MaxTasks,
            $"blocks of states swept in parallel (at most states; at most {MaxSquaringTasks} with method=squaring; left out: min(4, states))"),
        ParameterSpec.Choice(
            "method", "sweeps", ["sweeps", "squaring"],
            $"sweeps: one synchronous sweep per stage, stopping at tolerance; squaring: V_H for H = horizon exactly by repeated squaring of V ↦ r + γ·P·V " +
            $"(policy evaluation only, states ≤ {MaxDenseStates:N0}, tolerance unused; units: multiply-adds, as a backup term is one)"),
    ];

    public override string Name => "mdp";

    public override string Summary =>
        "synchronous value sweeps V ← max_a or mean_a [r + γ·P·V] until max |ΔV| < tolerance or horizon sweeps (the job stops at the converged sweep); " +
        "or, for a fixed policy, V_H by repeated squaring of the affine map; values, iterations, residual, policy";

    public override string Lesson =>
        "the horizon is a serial chain (each sweep needs the whole last one) while states within a sweep are parallel: speedup is capped by sweeps × barrier " +
        "cost; " +
        "evaluating a fixed policy is linear, so squaring shortens the chain to log₂H matrix products (like Rule 90's doubling) at ~n³ work each, while " +
        "value iteration's max has no such shortcut";

    public override string Unit => UnitName;

    // Kept to one terminal line: `workloads` prints it whole. Squaring counts multiply-adds, the unit a backup term
    // p·V already is, so the two methods' work compares directly.
    public override string WorkFormula =>
        "sweeps: k·states·actions·successors, k = sweeps done (≤ horizon); squaring: (L−1)·n²·(n+1) + popcount(H)·n², n = states, L = ⌊log₂H⌋+1";

    public override string SpanFormula =>
        "sweeps: k·⌈states/tasks⌉·actions·successors; squaring: (L−1)·⌈n/tasks⌉·n·(n+1) + popcount(H)·⌈n/tasks⌉·n";

    public override IReadOnlyList<ParameterSpec> Parameters => Specs;

    /// <summary>Value iteration that converges at sweep 194 of its 300-sweep cap: every mode stops there (the early-stop rule).</summary>
    public override IReadOnlyDictionary<string, string> Example { get; } = new Dictionary<string, string>
    {
        ["preset"] = "random",
        ["policy"] = "optimal",
        ["states"] = "2000",
        ["actions"] = "4",
        ["successors"] = "3",
        ["gamma"] = "0.9",
        ["horizon"] = "300",
        ["tolerance"] = "1e-9",
        ["tasks"] = "4",
        ["method"] = "sweeps",
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
            var optimize = parameters.GetString("policy") == "optimal";
            if ((long)states * actions * successors > MaxTransitions)
            {
                throw new InvalidParameterException(
                    ParameterErrorKind.OutOfRange, Name, "states", states.ToString(CultureInfo.InvariantCulture),
                    $"states·actions·successors ≤ {MaxTransitions.ToString("N0", CultureInfo.InvariantCulture)} (here {actions} actions × {successors} " +
                    $"successors)");
            }

            shape = new MdpShape(states, actions, successors, optimize, () => MdpModel.Random(states, actions, successors, seed, gamma, optimize));
        }

        var tasks = parameters.GetInteger("tasks");
        if (tasks > shape.States)
        {
            throw new InvalidParameterException(
                ParameterErrorKind.OutOfRange, Name, "tasks", tasks.ToString(CultureInfo.InvariantCulture),
                $"at most states ({shape.States}) so that every task owns a state");
        }

        return parameters.GetString("method") == "squaring" ? Squaring(parameters, shape) : new MdpPlan(parameters, shape);
    }

    private MdpSquaringPlan Squaring(ParameterValues parameters, MdpShape shape)
    {
        if (shape.Optimize)
        {
            // V ← max_a [...] is not linear in V, so its steps do not compose into a power of one map.
            throw new InvalidParameterException(
                ParameterErrorKind.OutOfRange, Name, "method", "squaring",
                "sweeps with policy=optimal (value iteration's max over actions has no squaring shortcut); squaring evaluates a fixed policy: policy=uniform " +
                "or preset=sutton4x4");
        }

        if (shape.States > MaxDenseStates)
        {
            throw new InvalidParameterException(
                ParameterErrorKind.OutOfRange, Name, "states", shape.States.ToString(CultureInfo.InvariantCulture),
                $"at most {MaxDenseStates.ToString("N0", CultureInfo.InvariantCulture)} with method=squaring (it multiplies dense states × states matrices)");
        }

        var tasks = parameters.GetInt32("tasks");
        if (tasks > MaxSquaringTasks)
        {
            throw new InvalidParameterException(
                ParameterErrorKind.OutOfRange, Name, "tasks", tasks.ToString(CultureInfo.InvariantCulture),
                $"at most {MaxSquaringTasks} with method=squaring (each task receives the whole matrix)");
        }

        return new MdpSquaringPlan(parameters, shape);
    }
}
