using System.Globalization;
using SerialCluster.Workloads.Cvp;
using SerialCluster.Workloads.Parameters;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Workloads.Do1;

/// <summary>
/// The decision environment of the paper's Theorem G.2 (Appendix G, "DO1"): a forced-choice game on an alternating monotone circuit
/// (<c>cvp</c>'s dual-rail form of a <c>.bench</c> netlist or of a generated layered circuit), where acting optimally means evaluating the
/// circuit. Agents limited to d levels of evaluation, d = 0 … D, guess past their depth; the result is their regret against d.
/// </summary>
public sealed class Do1Workload : Workload
{
    public const string UnitName = "gate evaluations + moves";
    public const int MaxCircuitCharacters = 1024 * 1024;
    public const int MaxGeneratedGates = 65_536;
    public const int MaxMonotoneGates = 1 << 20;
    public const int MaxInstances = 256;
    public const int MaxTasks = 256;

    /// <summary>Every agent task receives every instance's values: instances × signals bits stay within 1 MiB.</summary>
    public const long MaxValueBits = 1L << 23;

    private static readonly ParameterSpec[] Specs =
    [
        ParameterSpec.Text(
            "circuit", string.Empty, MaxCircuitCharacters, acceptsFile: true,
            "ISCAS .bench netlist as for cvp (AND, OR, NAND, NOR, XOR, XNOR, NOT, BUFF), played on its dual-rail monotone form; empty: a generated " +
            "layered one"),
        ParameterSpec.Text(
            "inputs", string.Empty, MaxCircuitCharacters, acceptsFile: true,
            $"instances as bit strings ('0'/'1', one per INPUT in declaration order) separated by commas or new lines, at most {MaxInstances}; empty: " +
            "instances drawn from seed"),
        ParameterSpec.Integer("layers", 8, 1, 512, $"generated circuit (when circuit is empty): layers of gates (layers × width ≤ {MaxGeneratedGates:N0})"),
        ParameterSpec.Integer("width", 16, 1, 1024, "generated circuit: inputs and gates per layer"),
        ParameterSpec.Integer("seed", 1, 0, long.MaxValue, "SplitMix64 seed: the generated circuit, the drawn instances and the coin guesses"),
        ParameterSpec.Integer(
            "instances", 16, 1, MaxInstances, "instances drawn when inputs is empty: bit i of instance k = lowest bit of SplitMix64 output k·inputs + i"),
        ParameterSpec.Choice(
            "guess", "first", ["first", "coin"],
            "what an agent does at an OR gate above its depth: first = take the first input; coin = a seeded coin per gate, the same for every agent"),
        ParameterSpec.Integer("tasks", 8, 1, MaxTasks, "tasks the agents d = 0 … D are grouped into (at most D + 1 are used)"),
    ];

    public override string Name => "do1";

    public override string Summary =>
        "forced-choice game on an alternating monotone circuit (Theorem G.2): agents that evaluate d < D levels guess past them; regret per d = 0 … D";

    public override string Lesson =>
        "acting well needs the circuit's value: regret stays until the agent's depth reaches the circuit's, so a bounded-depth (parallel) policy " +
        "cannot act well";

    public override string Unit => UnitName;

    public override string WorkFormula => "instances·(gates + Σ_{d=0..D} (gates below level d + moves)), moves = Σ_outputs (level + 1)";

    public override string SpanFormula => "gates + the largest agent task (at least instances·(gates below level D + moves))";

    public override IReadOnlyList<ParameterSpec> Parameters => Specs;

    public override IReadOnlyDictionary<string, string> Example { get; } = new Dictionary<string, string>
    {
        ["layers"] = "12",
        ["width"] = "32",
        ["seed"] = "3",
        ["instances"] = "32",
        ["tasks"] = "8",
    };

    public override WorkloadPlan Compile(ParameterValues parameters)
    {
        var seed = (ulong)parameters.GetInteger("seed");
        var text = parameters.GetString("circuit");
        var circuit = NetlistSource.Read(Name, text, parameters.GetInt32("layers"), parameters.GetInt32("width"), seed, MaxGeneratedGates);

        var monotone = DualRailTransform.TryTransform(circuit, MaxMonotoneGates)
            ?? throw new InvalidParameterException(
                ParameterErrorKind.OutOfRange, Name, "circuit", text,
                $"a circuit whose dual-rail form has at most {MaxMonotoneGates.ToString("N0", CultureInfo.InvariantCulture)} gates");
        var instances = Do1Instances.Read(Name, parameters.GetString("inputs"), circuit.InputCount, parameters.GetInt32("instances"), seed);
        if ((long)instances.Length * monotone.SignalCount > MaxValueBits)
        {
            var most = MaxValueBits / monotone.SignalCount;
            throw Refuse("instances", instances.Length, $"instances × signals ≤ {MaxValueBits:N0} (every agent task gets every instance): at most {most:N0}");
        }

        var literals = instances.Select(bits => DualRailTransform.Literals(bits)).ToArray();
        var tasks = (int)Math.Min(parameters.GetInteger("tasks"), monotone.Depth + 1L);
        return new Do1Plan(parameters, new Do1Circuit(monotone, literals, circuit.GateCount, circuit.Depth), tasks);
    }

    private InvalidParameterException Refuse(string parameter, long value, FormattableString allowed) =>
        new(ParameterErrorKind.OutOfRange, Name, parameter, value.ToString(CultureInfo.InvariantCulture), allowed.ToString(CultureInfo.InvariantCulture));
}
