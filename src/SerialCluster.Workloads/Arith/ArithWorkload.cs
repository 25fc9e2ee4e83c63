using System.Globalization;
using SerialCluster.Workloads.Parameters;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Workloads.Arith;

/// <summary>
/// The arithmetic circuit value problem mod p = 2^61 − 1, division-free (+, −, ×, constants): the paper's "math as
/// arithmetic circuits" (§3.5). The circuit is a text straight-line program (<c>circuit=@file</c>, <see cref="ArithParser"/>)
/// or a generated GSM-style DAG (<see cref="ArithGenerator"/>) whose <c>degree</c> says whether it could be rebalanced to
/// low depth (low) or not (high). Empty <c>inputs</c>: input i = SplitMix64 output i of <c>seed</c> mod p.
/// </summary>
public sealed class ArithWorkload : Workload
{
    public const string UnitName = "gate evaluations";
    public const int MaxCircuitCharacters = 16 * 1024 * 1024;
    public const int MaxGates = 4 * 1024 * 1024;
    public const int MaxTasks = 1024;

    /// <summary>Values carried across barriers, in signal-stages, beyond which a circuit is refused as too wide to stage.</summary>
    public const long MaxCarriedValues = 64L * 1024 * 1024;

    private static readonly ParameterSpec[] Specs =
    [
        ParameterSpec.Text(
            "circuit", string.Empty, MaxCircuitCharacters, acceptsFile: true,
            "straight-line program, one statement a line: INPUT(x), c = CONST(3), y = ADD|SUB|MUL(a, b, …), OUTPUT(y); # comments; operands defined " +
            "on earlier lines; empty: a generated circuit"),
        ParameterSpec.Text(
            "inputs", string.Empty, MaxCircuitCharacters, acceptsFile: true,
            "input values (integers from 0 to p − 1, separated by commas or spaces) in INPUT order; empty: input i = SplitMix64 output i of seed mod p"),
        ParameterSpec.Integer("depth", 1000, 1, MaxGates, $"generated circuit: levels of gates (depth × width ≤ {MaxGates:N0})"),
        ParameterSpec.Integer("width", 64, 1, MaxGates, "generated circuit: inputs and gates per level"),
        ParameterSpec.Integer("fanIn", 2, 2, 8, "generated circuit: operands per gate"),
        ParameterSpec.Choice(
            "degree", "high", ["high", "low"],
            "generated circuit: high = products of the level below (degree fanIn^depth: no shallower circuit exists); low = sums, differences and " +
            "products with constants (degree 1: rebalanceable to O(log) depth)"),
        ParameterSpec.Integer("seed", 1, 0, long.MaxValue, "SplitMix64 seed of the generated circuit and of the default inputs"),
        ParameterSpec.Integer("tasks", 8, 1, MaxTasks, "most tasks a level's gates are split into"),
        ParameterSpec.Integer(
            "grain", 256, 1, MaxGates,
            "fewest gates per task: a level of w gates gets min(tasks, floor(w / grain)) tasks; runs of levels with fewer than 2 make one stage"),
    ];

    public override string Name => "arith";

    public override string Summary =>
        "arithmetic circuit value problem mod p = 2^61 − 1 (+, −, ×): a text straight-line program or a generated word-problem DAG of high or low degree";

    public override string Lesson =>
        "low-degree circuits can be rebalanced to polylog depth (Valiant–Skyum–Berkowitz–Rackoff); high-degree ones (repeated squaring) keep their depth";

    public override string Unit => UnitName;

    public override string WorkFormula => "gates (generated: depth × width)";

    public override string SpanFormula =>
        "sum over stages of the largest task: levels of w gates in min(tasks, floor(w / grain)) tasks, runs of narrower levels as one task (at least depth)";

    public override IReadOnlyList<ParameterSpec> Parameters => Specs;

    public override IReadOnlyDictionary<string, string> Example { get; } = new Dictionary<string, string>
    {
        ["depth"] = "64",
        ["width"] = "2048",
        ["fanIn"] = "2",
        ["degree"] = "high",
        ["seed"] = "7",
        ["tasks"] = "8",
        ["grain"] = "256",
    };

    public override WorkloadPlan Compile(ParameterValues parameters)
    {
        var key = new ArithCircuitKey(
            parameters.GetString("circuit"), parameters.GetString("inputs"), parameters.GetInt32("depth"), parameters.GetInt32("width"),
            parameters.GetInt32("fanIn"), parameters.GetString("degree"), parameters.GetInteger("seed"));
        var circuit = ArithCircuitCache.GetOrBuild(key, () => BuildCircuit(key));
        var staging = ArithStaging.Create(circuit, parameters.GetInt32("tasks"), parameters.GetInt32("grain"));
        if (ArithTaskTables.CarriedEntries(circuit, staging) > MaxCarriedValues)
        {
            throw new InvalidParameterException(
                ParameterErrorKind.OutOfRange, Name, "circuit", key.Circuit,
                $"a circuit whose values carried from level to level stay under {MaxCarriedValues:N0} (values read many levels after they are made)");
        }

        return new ArithPlan(parameters, circuit, staging);
    }

    private ArithCircuit BuildCircuit(ArithCircuitKey key)
    {
        var seed = (ulong)key.Seed;
        var circuit = BuildGates(key, seed);
        return circuit.WithInputs(Inputs(key.Inputs, circuit.InputLeaves.Length, seed));
    }

    private ArithCircuit BuildGates(ArithCircuitKey key, ulong seed)
    {
        var text = key.Circuit;
        if (!string.IsNullOrWhiteSpace(text))
        {
            try
            {
                return ArithParser.Parse(text, MaxGates);
            }
            catch (ArithFormatException error)
            {
                throw new InvalidParameterException(
                    ParameterErrorKind.Malformed, Name, "circuit", text, "an arithmetic circuit (INPUT, OUTPUT, CONST, ADD, SUB, MUL lines)", error.Line,
                    error.Problem);
            }
        }

        var depth = key.Depth;
        var width = key.Width;
        if ((long)depth * width > MaxGates)
        {
            throw new InvalidParameterException(
                ParameterErrorKind.OutOfRange, Name, "width", width.ToString(CultureInfo.InvariantCulture),
                $"depth × width ≤ {MaxGates:N0}, so at most {MaxGates / depth:N0} with depth = {depth}");
        }

        return ArithGenerator.Generate(depth, width, key.FanIn, seed, key.Degree == "high");
    }

    private ulong[] Inputs(string text, int count, ulong seed)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return ArithGenerator.DefaultInputs(seed, count);
        }

        var values = new List<ulong>();
        var at = 0;
        while (at < text.Length)
        {
            if (char.IsWhiteSpace(text[at]) || text[at] == ',')
            {
                at++;
                continue;
            }

            var start = at;
            while (at < text.Length && !char.IsWhiteSpace(text[at]) && text[at] != ',')
            {
                at++;
            }

            var token = text[start..at];
            if (!ulong.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value >= ArithField.Modulus)
            {
                throw new InvalidParameterException(
                    ParameterErrorKind.Malformed, Name, "inputs", text, $"integers from 0 to {ArithField.Modulus - 1} (p − 1), separated by commas or spaces",
                    InvalidParameterException.LineOf(text, start), $"value {values.Count + 1} is '{(token.Length > 40 ? token[..40] + "…" : token)}'");
            }

            values.Add(value);
        }

        if (values.Count != count)
        {
            throw new InvalidParameterException(
                ParameterErrorKind.OutOfRange, Name, "inputs", text,
                $"exactly {count} values, one per INPUT in declaration order (got {values.Count}), or empty to draw them from seed");
        }

        return [.. values];
    }
}
