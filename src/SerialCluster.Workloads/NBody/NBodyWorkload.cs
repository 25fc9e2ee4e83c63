using System.Globalization;
using SerialCluster.Workloads.Parameters;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Workloads.NBody;

/// <summary>
/// Newtonian gravity (G = 1) by direct O(n²) summation, integrated with velocity Verlet (kick-drift-kick) or
/// Yoshida's 4th-order composition of it. Time steps are a serial chain; the forces within a step are wide.
/// </summary>
public sealed class NBodyWorkload : Workload
{
    public const string UnitName = "pair interactions";
    public const long MaxSteps = 1_000_000;
    public const int MaxBodies = 16_384;
    public const int MaxTasks = 4096;

    /// <summary>Cap on the total work, about an hour of one core at the kernel's speed.</summary>
    public const long MaxWork = 1_000_000_000_000;

    private static readonly ParameterSpec[] Specs =
    [
        ParameterSpec.Choice("preset", "figure8", ["figure8", "kepler", "random"],
            "initial conditions: figure8 (Chenciner–Montgomery three-body choreography, period ≈ 6.32591398), " +
            "kepler (masses 1 and 0.001, a = 1, period 2π/sqrt(1.001)), random (n bodies from seed)"),
        ParameterSpec.Choice("integrator", "yoshida4", ["verlet", "yoshida4"],
            "verlet: velocity Verlet, 2nd order, 1 force evaluation per step; yoshida4: Yoshida's 4th-order composition, 3 per step"),
        ParameterSpec.Real("dt", 0.001, 1e-9, 1.0, "time step"),
        ParameterSpec.Integer("steps", 1000, 1, MaxSteps, "time steps"),
        ParameterSpec.Integer("n", 64, 2, MaxBodies,
            "bodies for preset=random: mass 1/n each, positions and velocities uniform in the unit ball"),
        ParameterSpec.Integer("seed", 42, 0, long.MaxValue, "SplitMix64 seed for preset=random"),
        ParameterSpec.Real("eccentricity", 0.5, 0.0, 0.99, "orbit eccentricity for preset=kepler (started at pericentre)"),
        ParameterSpec.Real("softening", 0.0, 0.0, 10.0,
            "Plummer softening ε: forces use (r² + ε²)^(−3/2), potentials (r² + ε²)^(−1/2); 0 = exact Newtonian " +
            "(right for figure8 and kepler; ~0.01–0.05 tames close encounters in random)"),
        ParameterSpec.Integer("tasks", 8, 1, MaxTasks, "blocks of bodies per force evaluation (clamped to the number of bodies)"),
    ];

    public override string Name => "nbody";

    public override string Summary =>
        "direct-summation gravity (G = 1): positions, velocities, energy drift and momentum after steps of verlet or yoshida4";

    public override string Lesson =>
        "stepped: each time step needs the last, but the n² forces within a step are wide, so cores help only while n is large enough to pay for a barrier " +
        "per force evaluation";

    public override string Unit => UnitName;

    public override string WorkFormula => "(1 + k·steps)·n·(n − 1), k = 1 (verlet) or 3 (yoshida4); n = 3 (figure8), 2 (kepler)";

    public override string SpanFormula => "(1 + k·steps)·ceil(n / min(tasks, n))·(n − 1)";

    public override IReadOnlyList<ParameterSpec> Parameters => Specs;

    public override IReadOnlyDictionary<string, string> Example { get; } = new Dictionary<string, string>
    {
        ["preset"] = "random",
        ["n"] = "256",
        ["seed"] = "7",
        ["integrator"] = "yoshida4",
        ["dt"] = "0.01",
        ["steps"] = "10",
        ["softening"] = "0.05",
        ["tasks"] = "8",
    };

    public override WorkloadPlan Compile(ParameterValues parameters)
    {
        var preset = parameters.GetString("preset");
        var count = preset switch
        {
            "figure8" => 3,
            "kepler" => 2,
            _ => parameters.GetInt32("n"),
        };
        var schedule = new NBodySchedule(parameters.GetString("integrator"), parameters.GetReal("dt"), parameters.GetInteger("steps"));
        var work = (double)schedule.Evaluations * count * (count - 1);
        if (work > MaxWork)
        {
            var steps = parameters.GetInteger("steps");
            var allowed = Math.Max(1, (long)(((double)MaxWork / ((double)count * (count - 1))) - 1) / schedule.SubstepsPerStep);
            throw new InvalidParameterException(
                ParameterErrorKind.OutOfRange, Name, "steps", steps.ToString(CultureInfo.InvariantCulture),
                $"at most {allowed.ToString(CultureInfo.InvariantCulture)} with n = {count} and this integrator " +
                $"(total work is capped at 10^12 pair interactions)");
        }

        var initial = preset switch
        {
            "figure8" => NBodyPresets.FigureEight(),
            "kepler" => NBodyPresets.Kepler(parameters.GetReal("eccentricity")),
            _ => NBodyPresets.Random(count, (ulong)parameters.GetInteger("seed")),
        };
        var tasks = (int)Math.Min(parameters.GetInteger("tasks"), count);
        return new NBodyPlan(parameters, initial, schedule, parameters.GetReal("softening"), tasks);
    }
}
