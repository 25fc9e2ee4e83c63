using System.Globalization;
using SerialCluster.Workloads.Parameters;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Workloads.S5;

/// <summary>
/// The word problem of S5: the product of <c>length</c> permutations, letter i = SplitMix64(seed) output i mod 120
/// as a lexicographic index, letter 0 applied first. S5 is not solvable, so by Barrington's theorem its word problem
/// is NC¹-complete; yet the product is associative, so a log-depth tree computes it: a problem that looks serial
/// but is not.
/// </summary>
public sealed class S5Workload : Workload
{
    public const string UnitName = "letter products";
    public const long MaxLength = 1_000_000_000_000;
    public const int MaxTasks = 1_000_000;
    public const int MaxFanIn = 65_536;

    private static readonly ParameterSpec[] Specs =
    [
        ParameterSpec.Integer("length", 100_000_000, 1, MaxLength, "letters in the word"),
        ParameterSpec.Integer("seed", 5, 0, long.MaxValue, "SplitMix64 seed of the letters"),
        ParameterSpec.Choice("method", "tree", ["fold", "tree"],
            "fold: one left fold (span = length); tree: blocks folded in parallel, then combined in order by a tree"),
        ParameterSpec.Integer("tasks", 16, 1, MaxTasks, "tree: blocks of the word folded in parallel (at most length; left out: min(16, length))"),
        ParameterSpec.Integer("fanIn", 2, 2, MaxFanIn, "tree: products each combine task multiplies (fanIn ≥ tasks: one combine stage)"),
    ];

    public override string Name => "s5";

    public override string Summary =>
        "word problem of S5: product of length permutations (letter i = SplitMix64 output i mod 120), letter 0 first";

    public override string Lesson =>
        "looks serial but is not: the product is associative, so a log-depth tree of ordered combines replaces the fold";

    public override string Unit => UnitName;

    public override string WorkFormula => "fold: length; tree: length + tasks − 1";

    public override string SpanFormula => "fold: length; tree: ⌈length/tasks⌉ + (fanIn − 1)·⌈log_fanIn(tasks)⌉ at most";

    public override IReadOnlyList<ParameterSpec> Parameters => Specs;

    public override IReadOnlyDictionary<string, string> Example { get; } = new Dictionary<string, string>
    {
        ["length"] = "20000000",
        ["seed"] = "5",
        ["method"] = "tree",
        ["tasks"] = "8",
        ["fanIn"] = "2",
    };

    protected override IEnumerable<(string Name, long Value)> AdaptDefaults(ParameterValues values) =>
        [("tasks", Math.Min(values.GetInteger("tasks"), values.GetInteger("length")))];

    public override WorkloadPlan Compile(ParameterValues parameters)
    {
        var length = parameters.GetInteger("length");
        var tasks = parameters.GetInteger("tasks");
        if (parameters.GetString("method") == "tree" && tasks > length)
        {
            throw new InvalidParameterException(
                ParameterErrorKind.OutOfRange, Name, "tasks", tasks.ToString(CultureInfo.InvariantCulture),
                $"at most length ({length.ToString(CultureInfo.InvariantCulture)}) so that every block has a letter");
        }

        return new S5Plan(parameters);
    }
}
