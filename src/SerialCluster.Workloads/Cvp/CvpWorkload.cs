using System.Globalization;
using SerialCluster.Workloads.Parameters;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Workloads.Cvp;

/// <summary>
/// The circuit value problem, P-complete, the paper's prototype serial problem: evaluate a Boolean circuit on given inputs. The circuit is an ISCAS
/// <c>.bench</c> netlist (<c>circuit=@file</c>) or, when empty, a generated layered one (<see cref="LayeredCircuitGenerator"/>); empty <c>inputs</c>
/// take bit i from SplitMix64 output i of <c>seed</c>. <c>transform=dualrail</c> first rewrites it into a monotone one (<see cref="DualRailTransform"/>).
/// </summary>
public sealed class CvpWorkload : Workload
{
    public const int MaxCircuitCharacters = 16 * 1024 * 1024;
    public const int MaxGeneratedGates = 8 * 1024 * 1024;
    public const int MaxMonotoneGates = 16 * 1024 * 1024;
    public const int MaxTasks = 1024;

    private static readonly ParameterSpec[] Specs =
    [
        ParameterSpec.Text(
            "circuit", string.Empty, MaxCircuitCharacters, acceptsFile: true,
            "ISCAS .bench netlist: INPUT(a), OUTPUT(y), y = NAND(a, b) with AND, OR, NAND, NOR, XOR, XNOR, NOT, BUFF; # comments; empty: a generated layered " +
            "circuit"),
        ParameterSpec.Text(
            "inputs", string.Empty, MaxCircuitCharacters, acceptsFile: true,
            "input bits as '0'/'1' in INPUT declaration order (generated circuit: its width inputs); empty: bit i = lowest bit of SplitMix64 output i of seed"),
        ParameterSpec.Integer("layers", 1000, 1, 1_000_000, "generated circuit (when circuit is empty): layers of gates, its depth"),
        ParameterSpec.Integer("width", 2048, 1, 1 << 20, $"generated circuit: inputs and gates per layer (layers × width ≤ {MaxGeneratedGates:N0})"),
        ParameterSpec.Integer("seed", 1, 0, long.MaxValue, "SplitMix64 seed of the generated circuit and of the default inputs"),
        ParameterSpec.Choice(
            "transform", "none", ["none", "dualrail"],
            "dualrail: evaluate the equivalent alternating monotone circuit (AND/OR layers over the inputs and their negations) and report depthOfOnes"),
        ParameterSpec.Integer("tasks", 8, 1, MaxTasks, "most tasks a level's gates are split into"),
        ParameterSpec.Integer(
            "grain", 256, 1, MaxCircuitCharacters,
            "fewest gates per task: a level of w gates gets min(tasks, floor(w / grain)) tasks; runs of levels with fewer than 2 make one serial stage"),
    ];

    public override string Name => "cvp";

    public override string Summary => "circuit value problem: evaluate an ISCAS .bench circuit (or a generated layered one) on given inputs; outputs = its " +
        "output bits";

    public override string Lesson =>
        "P-complete: each level needs the one below, so depth bounds any speedup, and a barrier per level costs more than a narrow level's work";

    public override string Unit => "gate evaluations";

    public override string WorkFormula => "gates (transform=dualrail: gates of the monotone circuit)";

    public override string SpanFormula =>
        "sum over stages of the largest task: levels of w gates in min(tasks, floor(w / grain)) tasks, runs of narrower levels as one task (at least depth)";

    public override IReadOnlyList<ParameterSpec> Parameters => Specs;

    public override IReadOnlyDictionary<string, string> Example { get; } = new Dictionary<string, string>
    {
        ["layers"] = "64",
        ["width"] = "4096",
        ["seed"] = "7",
        ["tasks"] = "8",
        ["grain"] = "512",
    };

    public override WorkloadPlan Compile(ParameterValues parameters)
    {
        var key = new CvpCircuitKey(
            parameters.GetString("circuit"), parameters.GetString("inputs"), parameters.GetInt32("layers"), parameters.GetInt32("width"),
            parameters.GetInteger("seed"), parameters.GetString("transform"));
        var job = CvpCircuitCache.GetOrBuild(key, () => BuildCircuit(key));
        var staging = CvpStaging.Create(job.Evaluated, parameters.GetInt32("tasks"), parameters.GetInt32("grain"));
        return new CvpPlan(parameters, job, staging);
    }

    private CvpCircuit BuildCircuit(CvpCircuitKey key)
    {
        var text = key.Circuit;
        var seed = (ulong)key.Seed;
        var circuit = NetlistSource.Read(Name, text, key.Layers, key.Width, seed, MaxGeneratedGates);

        var inputs = InputBits(key.Inputs, circuit.InputCount, seed);
        var job = new CvpCircuit(circuit, inputs, circuit.GateCount, circuit.Depth, DualRail: false);
        if (key.Transform == "dualrail")
        {
            var monotone = DualRailTransform.TryTransform(circuit, MaxMonotoneGates)
                ?? throw new InvalidParameterException(
                    ParameterErrorKind.OutOfRange, Name, "transform", "dualrail",
                    $"none for this circuit: its dual-rail form would need more than {MaxMonotoneGates:N0} gates");
            job = new CvpCircuit(monotone, DualRailTransform.Literals(inputs), circuit.GateCount, circuit.Depth, DualRail: true);
        }

        return job;
    }

    private byte[] InputBits(string text, int count, ulong seed)
    {
        var bits = text.Trim();
        var leading = text.Length - text.TrimStart().Length;
        if (bits.Length == 0)
        {
            return LayeredCircuitGenerator.DefaultInputs(seed, count);
        }

        for (var i = 0; i < bits.Length; i++)
        {
            if (bits[i] is not ('0' or '1'))
            {
                throw new InvalidParameterException(
                    ParameterErrorKind.Malformed, Name, "inputs", text, "only '0' and '1', one per INPUT in declaration order",
                    InvalidParameterException.LineOf(text, leading + i), $"character {i + 1} is '{bits[i]}'");
            }
        }

        if (bits.Length != count)
        {
            throw new InvalidParameterException(
                ParameterErrorKind.OutOfRange, Name, "inputs", text,
                $"exactly {count} bits, one per INPUT in declaration order (got {bits.Length}), or empty to draw them from seed");
        }

        var values = new byte[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = (byte)(bits[i] - '0');
        }

        return values;
    }
}
