using System.Globalization;
using SerialCluster.Workloads.Parameters;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Workloads.Eca;

/// <summary>
/// Elementary cellular automaton, any Wolfram rule 0–255: each step, cell x becomes bit
/// (4·left + 2·centre + right) of <c>rule</c>. Rows are bit-packed, 64 cells per word. Rule 110 (P-complete to
/// predict) and rule 30 are the serial cases: every row needs the one before, so only the width parallelises;
/// rule 90 is linear and <c>shortcut=true</c> jumps in O(log steps) stages.
/// </summary>
public sealed class EcaWorkload : Workload
{
    public const string UnitName = "cell updates";
    public const long MaxSteps = 1_000_000_000;
    public const long MaxWidth = 1L << 26;
    public const long MaxRowCells = 1L << 27;
    public const long MaxWork = 100_000_000_000_000;
    public const long MaxColumnSteps = 10_000_000;
    public const int MaxStrips = 1024;
    public const long MaxHalo = 1L << 20;
    public const int MaxStages = 100_000;
    public const long MaxTasks = 1L << 20;

    private static readonly ParameterSpec[] Specs =
    [
        ParameterSpec.Integer("rule", 110, 0, 255, "Wolfram rule number: the new cell is bit (4·left + 2·centre + right) of it"),
        ParameterSpec.Integer("steps", 1000, 1, MaxSteps, "generations to compute"),
        ParameterSpec.Integer(
            "width", 4096, 1, MaxWidth,
            "ring: cells in the ring; boundary=zero with init=random: the initial random segment (OFF outside it); unused for boundary=zero with init=single"),
        ParameterSpec.Choice(
            "init",
            "single",
            ["single", "random"],
            "single: one ON cell in the middle; random: cell i = lowest bit of SplitMix64 output i of seed"),
        ParameterSpec.Choice(
            "boundary", "ring", ["ring", "zero"],
            "ring: the row wraps around; zero: an infinite OFF background, the row grows one cell per side per step (cells −steps..+steps for init=single)"),
        ParameterSpec.Integer("seed", 42, 0, long.MaxValue, "SplitMix64 seed for init=random"),
        ParameterSpec.Choice(
            "record",
            "none",
            ["none", "center"],
            "center: also return the centre cell (middle of the ring or of the initial segment) at t = 0..steps as centerColumn"),
        ParameterSpec.Boolean("shortcut", false, "rule 90 only: the doubling jump s(t+2^k)(x) = s(t)(x−2^k) xor s(t)(x+2^k), span O(log steps)"),
        ParameterSpec.Integer("strips", 8, 1, MaxStrips, "independent tasks per stage: word-aligned strips of the row (at most one per 64 cells)"),
        ParameterSpec.Integer(
            "halo", 0, 0, MaxHalo,
            "ghost cells per strip side = steps between exchanges (0: the plan chooses about an eighth of a strip, at most 1024 stages); unused with shortcut"),
    ];

    public override string Name => "eca";

    public override string Summary => "elementary cellular automaton, any rule 0-255: population, rowSha256 and centerColumn of the row after steps";

    public override string Lesson =>
        "rule 110/30: each row needs the last, so strips only split the width and halos trade recomputation for fewer barriers; rule 90's linear jump cuts " +
        "the span to log steps";

    public override string Unit => UnitName;

    public override string WorkFormula =>
        "ring: width·steps; zero: steps·(w0 + steps + 1), w0 = 1 (single) or width (random) (the live cone); shortcut: row·popcount(steps)";

    public override string SpanFormula =>
        "steps·(live cells of the largest strip) ≈ steps·row/strips; shortcut: popcount(steps)·row/strips";

    public override IReadOnlyList<ParameterSpec> Parameters => Specs;

    public override IReadOnlyDictionary<string, string> Example { get; } = new Dictionary<string, string>
    {
        ["rule"] = "110",
        ["steps"] = "4000",
        ["width"] = "4096",
        ["init"] = "random",
        ["seed"] = "7",
        ["strips"] = "8",
    };

    public override WorkloadPlan Compile(ParameterValues parameters)
    {
        var rule = parameters.GetInteger("rule");
        var steps = parameters.GetInteger("steps");
        var shortcut = parameters.GetBoolean("shortcut");
        var record = parameters.GetString("record") == "center";
        if (shortcut && rule != 90)
        {
            throw Refuse("shortcut", "true", $"false for rule {rule}: the doubling jump holds for rule 90 only");
        }

        if (shortcut && record)
        {
            throw Refuse("record", "center", "none with shortcut=true: the jump never computes the rows the centre column needs");
        }

        if (record && steps > MaxColumnSteps)
        {
            throw Refuse(
                "steps",
                parameters.GetString("steps"),
                $"at most {Text(MaxColumnSteps)} with record=center (the column is a string of steps + 1 characters)");
        }

        if (parameters.GetString("boundary") == "zero")
        {
            var live = parameters.GetString("init") == "random" ? parameters.GetInteger("width") : 1;
            if (live + (2 * steps) > MaxRowCells)
            {
                throw Refuse(
                    "steps", parameters.GetString("steps"),
                    $"with boundary=zero the row is {(live == 1 ? "1" : "width")} + 2·steps cells, at most {Text(MaxRowCells)}");
            }
        }

        var geometry = new EcaGeometry(parameters);
        if (shortcut)
        {
            return new EcaShortcutPlan(parameters, geometry);
        }

        if (geometry.TotalUnits > MaxWork)
        {
            throw Refuse("steps", parameters.GetString("steps"), $"a job of at most {Text(MaxWork)} cell updates (this one is {Text(geometry.TotalUnits)})");
        }

        var requested = parameters.GetInteger("halo");
        var halo = EcaPlan.ChooseHalo(geometry, requested);
        var stages = (steps + halo - 1) / halo;
        var fewest = Math.Max((steps + MaxStages - 1) / MaxStages, (steps * geometry.Strips + MaxTasks - 1) / MaxTasks);
        if (stages > MaxStages || stages * geometry.Strips > MaxTasks)
        {
            throw Refuse(
                "halo", parameters.GetString("halo"),
                $"0 or at least {Text(fewest)}: at most {Text(MaxStages)} stages (steps / halo) and {Text(MaxTasks)} tasks (stages · strips)");
        }

        return new EcaPlan(parameters, geometry, halo);
    }

    private static string Text(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private InvalidParameterException Refuse(string parameter, string value, string allowed) =>
        new(ParameterErrorKind.OutOfRange, Name, parameter, value, allowed);
}
