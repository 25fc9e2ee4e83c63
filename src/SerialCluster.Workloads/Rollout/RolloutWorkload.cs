using System.Globalization;
using SerialCluster.Workloads.Mdp;
using SerialCluster.Workloads.Parameters;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Workloads.Rollout;

/// <summary>
/// Estimating a policy's return by simulation (paper §3.4): N independent trajectories of horizon H of the equiprobable random policy on
/// <c>mdp</c>'s random MDP (<see cref="MdpModel.Random"/>), against the policy's exact value on the same MDP. Trajectories are parallel; each
/// one's H steps are a chain, so more cores shrink the variance (N) and never the horizon (H).
/// </summary>
public sealed class RolloutWorkload : Workload
{
    public const string UnitName = "steps";

    /// <summary>The most states: the exact value is a dense linear solve, ~states³/3 multiply-adds on the coordinator.</summary>
    public const int MaxStates = 1024;

    public const int MaxActions = 16;
    public const int MaxSuccessors = 16;
    public const int MaxHorizon = 50_000_000;
    public const long MaxTrajectories = 1_000_000_000;
    public const long MaxSteps = 1_000_000_000_000;
    public const int MaxTasks = 4096;

    /// <summary>The exact H-step value takes H sweeps of states·actions·successors backups each: this bounds their product.</summary>
    public const long MaxExactBackups = 2_000_000_000;

    /// <summary>γ below 1 keeps the infinite-horizon value finite and |G| &lt; 1000, which the fixed-point sums rely on.</summary>
    public const double MaxGamma = 0.999;

    private static readonly ParameterSpec[] Specs =
    [
        ParameterSpec.Integer("states", 64, 2, MaxStates, "states of the random MDP (as mdp preset=random)"),
        ParameterSpec.Integer("actions", 4, 1, MaxActions, "actions per state"),
        ParameterSpec.Integer("successors", 3, 1, MaxSuccessors, "successor states per (state, action)"),
        ParameterSpec.Integer("seed", 42, 0, long.MaxValue, "SplitMix64 seed of the MDP (the same MDP as mdp preset=random with this seed)"),
        ParameterSpec.Real("gamma", 0.95, 0.0, MaxGamma, "discount factor γ"),
        ParameterSpec.Integer("start", 0, 0, MaxStates - 1, "the state every trajectory starts in (below states)"),
        ParameterSpec.Integer("trajectories", 100_000, 2, MaxTrajectories, $"N, independent trajectories (N·horizon ≤ {MaxSteps:N0})"),
        ParameterSpec.Integer(
            "horizon", 100, 1, MaxHorizon,
            $"H, steps per trajectory (a chain); horizon·states·actions·successors ≤ {MaxExactBackups:N0} for the exact H-step value"),
        ParameterSpec.Integer("sampleSeed", 7, 0, long.MaxValue, "SplitMix64 seed of the trajectories' draws"),
        ParameterSpec.Integer("tasks", 16, 1, MaxTasks, "tasks the trajectories are split over (at most trajectories; left out: min(16, trajectories))"),
    ];

    public override string Name => "rollout";

    public override string Summary =>
        "Monte Carlo policy evaluation: N trajectories × H steps of the random policy on mdp's random MDP; estimate ± standard error against the exact " +
        "value (linear solve) and the truncation bias γ^H";

    public override string Lesson =>
        "trajectories are parallel but each is a chain of H steps: more cores shrink the variance (N), never the horizon (span ∝ H whatever P)";

    public override string Unit => UnitName;

    public override string WorkFormula => "trajectories·horizon";

    public override string SpanFormula => "⌈trajectories/tasks⌉·horizon (at least horizon)";

    public override IReadOnlyList<ParameterSpec> Parameters => Specs;

    public override IReadOnlyDictionary<string, string> Example { get; } = new Dictionary<string, string>
    {
        ["states"] = "32",
        ["gamma"] = "0.9",
        ["trajectories"] = "20000",
        ["horizon"] = "60",
        ["tasks"] = "8",
    };

    protected override IEnumerable<(string Name, long Value)> AdaptDefaults(ParameterValues values) =>
        [("tasks", Math.Min(values.GetInteger("tasks"), values.GetInteger("trajectories")))];

    public override WorkloadPlan Compile(ParameterValues parameters)
    {
        var states = parameters.GetInt32("states");
        var actions = parameters.GetInt32("actions");
        var successors = parameters.GetInt32("successors");
        var trajectories = parameters.GetInteger("trajectories");
        var horizon = parameters.GetInteger("horizon");
        var tasks = parameters.GetInteger("tasks");
        var start = parameters.GetInteger("start");
        if (start >= states)
        {
            throw Refuse("start", start, $"a state below states ({states})");
        }

        if (tasks > trajectories)
        {
            throw Refuse("tasks", tasks, $"at most trajectories ({trajectories}) so that every task has a trajectory");
        }

        if (trajectories * horizon > MaxSteps)
        {
            throw Refuse("trajectories", trajectories, $"trajectories·horizon ≤ {MaxSteps:N0}, so at most {MaxSteps / horizon:N0} with horizon = {horizon}");
        }

        if (horizon * states * actions * successors > MaxExactBackups)
        {
            var most = MaxExactBackups / ((long)states * actions * successors);
            throw Refuse("horizon", horizon, $"horizon·states·actions·successors ≤ {MaxExactBackups:N0} (the exact H-step value's sweeps): at most {most:N0}");
        }

        var seed = (ulong)parameters.GetInteger("seed");
        var gamma = parameters.GetReal("gamma");
        return new RolloutPlan(parameters, () => MdpModel.Random(states, actions, successors, seed, gamma, optimize: false));
    }

    private InvalidParameterException Refuse(string parameter, long value, FormattableString allowed) =>
        new(ParameterErrorKind.OutOfRange, Name, parameter, value.ToString(CultureInfo.InvariantCulture), allowed.ToString(CultureInfo.InvariantCulture));
}
