using System.Globalization;
using SerialCluster.Workloads.Parameters;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Workloads.Amdahl;

/// <summary>
/// A synthetic job with a known serial fraction: a SHA-256 chain of serialSteps, then tasks independent chunks of chunkSteps seeded from its digest,
/// then an ordered gather. The split is serialFraction and work (serialSteps = round(f·work), chunkSteps = max(1, ⌈(work − serialSteps)/tasks⌉)) or
/// directly serialSteps and chunkSteps (used once either differs from its default); giving both is refused. The two styles' defaults describe the same
/// job, so restating a default never changes the result.
/// </summary>
public sealed class AmdahlWorkload : Workload
{
    public const string UnitName = "SHA-256 steps";
    public const long MaxSteps = 1_000_000_000_000;
    public const int MaxTasks = 100_000;

    private const double DefaultFraction = 0.1;
    private const long DefaultWork = 1_000_000;
    private const int DefaultTasks = 16;

    private static readonly AmdahlSplit DefaultSplit = AmdahlSplit.FromFraction(DefaultFraction, DefaultWork, DefaultTasks);

    private static readonly ParameterSpec[] Specs =
    [
        ParameterSpec.Hex("seed", "616263", 0, 4096, "the serial chain's x0 as hexadecimal bytes (616263 is \"abc\")"),
        ParameterSpec.Integer("tasks", DefaultTasks, 1, MaxTasks, "parallel chunks after the serial chain"),
        ParameterSpec.Real("serialFraction", DefaultFraction, 0.0, 1.0,
            "f: serialSteps = round(f·work), chunkSteps = max(1, ⌈(work − serialSteps)/tasks⌉) (default style)"),
        ParameterSpec.Integer("work", DefaultWork, 1, MaxSteps, "total hash steps the fraction is taken of (default style)"),
        ParameterSpec.Integer("serialSteps", DefaultSplit.SerialSteps, 0, MaxSteps,
            "hash steps of the serial chain (explicit style: replaces serialFraction and work)"),
        ParameterSpec.Integer("chunkSteps", DefaultSplit.ChunkSteps, 1, MaxSteps,
            "hash steps of each chunk (explicit style: replaces serialFraction and work)"),
    ];

    public override string Name => "amdahl";

    public override string Summary =>
        "serial SHA-256 chain, then tasks chunks seeded from its digest, then digest = SHA-256(chunk digests in order)";

    public override string Lesson =>
        "Amdahl's law made concrete: speedup is capped at 1/f however many cores run the chunks, and measured speedups recover f";

    public override string Unit => UnitName;

    public override string WorkFormula => "serialSteps + tasks·chunkSteps";

    public override string SpanFormula => "serialSteps + chunkSteps";

    public override IReadOnlyList<ParameterSpec> Parameters => Specs;

    public override IReadOnlyDictionary<string, string> Example { get; } = new Dictionary<string, string>
    {
        ["serialFraction"] = "0.25",
        ["work"] = "400000",
        ["tasks"] = "8",
    };

    public override WorkloadPlan Compile(ParameterValues parameters)
    {
        var tasks = parameters.GetInt32("tasks");
        var explicitSteps = IsSet(parameters, "serialSteps") || IsSet(parameters, "chunkSteps");
        var fractionGiven = IsSet(parameters, "serialFraction") || IsSet(parameters, "work");
        if (explicitSteps && fractionGiven)
        {
            var name = IsSet(parameters, "serialSteps") ? "serialSteps" : "chunkSteps";
            throw new InvalidParameterException(
                ParameterErrorKind.OutOfRange, Name, name, parameters.GetString(name),
                "either serialFraction and work, or serialSteps and chunkSteps, not both");
        }

        if (!explicitSteps)
        {
            return new AmdahlPlan(
                parameters, AmdahlSplit.FromFraction(parameters.GetReal("serialFraction"), parameters.GetInteger("work"), tasks));
        }

        var split = new AmdahlSplit(parameters.GetInteger("serialSteps"), parameters.GetInteger("chunkSteps"), tasks);
        if ((Int128)split.ChunkSteps * tasks > MaxSteps - split.SerialSteps)
        {
            throw new InvalidParameterException(
                ParameterErrorKind.OutOfRange, Name, "chunkSteps", parameters.GetString("chunkSteps"),
                $"at most (1,000,000,000,000 − serialSteps) / tasks, so that serialSteps + tasks·chunkSteps ≤ " +
                $"{MaxSteps.ToString("N0", CultureInfo.InvariantCulture)}");
        }

        return new AmdahlPlan(parameters, split);
    }

    // Canonical text differs from the default's: the parameter was given with another value.
    private static bool IsSet(ParameterValues parameters, string name) =>
        parameters.GetString(name) != Specs.First(s => s.Name == name).Default;
}
