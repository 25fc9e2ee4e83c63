using System.Globalization;

namespace SerialCluster.Cli.Contrast;

/// <summary>
/// The pairs <c>serialcluster contrast</c> runs: the paper's paired controls (docs/PAPER.md), each two or three workloads
/// that differ in one thing, and the span series that show depth against input size.
/// </summary>
public static class ContrastCatalog
{
    /// <summary>The ring every eca side runs on: wide enough that a row is real work, narrow enough to stay in cache.</summary>
    public const long EcaWidth = 65_536;

    /// <summary>
    /// States of the mdp pair: the squaring shortcut multiplies dense states × states matrices (n³ per product), while a
    /// sweep costs states · actions · successors; the horizon is capped at 20,000 sweeps so the scattered sweeps, one
    /// barrier each, stay within the command's few minutes.
    /// </summary>
    public const int MdpStates = 256;

    /// <summary>Width of the deep–narrow circuit and depth of the shallow–wide one.</summary>
    public const int CvpNarrowWidth = 256;

    public const int CvpShallowLayers = 16;

    /// <summary>
    /// The rollout pair's MDP is small (8 states, 2 actions, 2 successors) so the exact H-step value stays cheap at the long side's
    /// horizon; its wide side runs trajectories of <see cref="RolloutShortHorizon"/> steps, its long side two trajectories.
    /// </summary>
    public const int RolloutShortHorizon = 50;

    public const int RolloutLongTrajectories = 2;

    /// <summary>Width of the high-degree arith circuit and depth of the low-degree one (it divides the width, so both have equal gates).</summary>
    public const int ArithHighWidth = 64;

    public const int ArithLowDepth = 16;

    public static IReadOnlyList<ContrastPair> Pairs(int cores) =>
    [
        new(
            "eca",
            "Rule 110 vs Rule 90 vs Rule 90's doubling shortcut",
            "same width and steps; Rule 110 is P-complete and must be stepped; Rule 90 is linear, so it has a jump of span O(log steps): only the algorithm " +
            "differs",
            "steps",
            new ContrastSizing(2_000, 64, 100_000_000),
            [
                new("rule 110, stepwise", "eca", steps => Eca(110, steps, shortcut: false)),
                new("rule 90, stepwise", "eca", steps => Eca(90, steps, shortcut: false)),
                new("rule 90, doubling shortcut", "eca", steps => Eca(90, steps, shortcut: true)),
            ]),
        new(
            "s5",
            "S5 word problem: fold vs tree",
            "the same product of permutations: a left fold has span = length, a tree of ordered combines span ≈ length/tasks + log tasks; NC¹ looks serial " +
            "and is not",
            "length",
            new ContrastSizing(1_000_000, 1_000, 1_000_000_000_000),
            [
                new("fold", "s5", length => new() { ["length"] = Text(length), ["method"] = "fold" }),
                new("tree", "s5", length => new() { ["length"] = Text(length), ["method"] = "tree", ["tasks"] = Text(S5Tasks(length)) }),
            ]),
        new(
            "hash-mc",
            "hashchain vs montecarlo",
            "a chain of SHA-256 steps has span = work: only a faster core helps; independent samples have span = work / tasks: cores help",
            "steps",
            new ContrastSizing(200_000, 1_000, 10_000_000_000),
            [
                new("hashchain", "hashchain", steps => new() { ["steps"] = Text(steps) }),
                new(
                    "montecarlo", "montecarlo", samples => new() { ["samples"] = Text(samples), ["tasks"] = Text(8L * cores) },
                    new ContrastSizing(20_000_000, 1_000_000, 1_000_000_000_000), "samples"),
            ]),
        new(
            "timelock",
            "time-lock puzzle without vs with its trapdoor",
            "x^(2^t) mod N takes t dependent squarings; knowing N's factors reduces 2^t mod φ(N) first, span O(log t): a secret is a shortcut, parallelism " +
            "is not",
            "t",
            new ContrastSizing(20_000, 100, 10_000_000_000),
            [
                new("t squarings", "timelock", t => new() { ["modulus"] = TimeLockDemoModulus, ["t"] = Text(t) }),
                new(
                    "trapdoor (factors known)",
                    "timelock",
                    t => new() { ["modulus"] = TimeLockDemoModulus, ["t"] = Text(t), ["factors"] = TimeLockDemoFactors }),
            ]),
        new(
            "mdp",
            "policy evaluation: sweep by sweep vs repeated squaring",
            "the same MDP and horizon: V ← r + γPV is a linear recurrence, so (like Rule 90) it has a doubling shortcut of span O(log H) matrix products — " +
            "at n³ work per product; value iteration's max has none",
            "horizon",
            new ContrastSizing(1_000, 16, 20_000),
            [
                new("sweeps", "mdp", horizon => Mdp(horizon, "sweeps")),
                new("repeated squaring", "mdp", horizon => Mdp(horizon, "squaring")),
            ]),
        new(
            "cvp",
            "circuit value: deep–narrow vs shallow–wide, equal gates",
            $"the same number of gates: {CvpNarrowWidth} wide and deep, or {CvpShallowLayers} layers deep and wide; depth bounds the speedup (each level is " +
            $"a barrier), width does not",
            "gates",
            new ContrastSizing(262_144, 4_096, 8 * 1024 * 1024),
            [
                new("deep–narrow", "cvp", gates => Cvp(Math.Max(1, gates / CvpNarrowWidth), CvpNarrowWidth)),
                new("shallow–wide", "cvp", gates => Cvp(CvpShallowLayers, Math.Max(1, gates / CvpShallowLayers))),
            ]),
        // Sequential decision making (paper §3.4): rollout's pair.
        new(
            "rollout",
            "policy rollouts: many short trajectories vs two long ones, equal steps",
            $"the same steps of the same policy on the same MDP: {RolloutShortHorizon}-step trajectories spread over every core; two trajectories of " +
            "steps/2 each have span = horizon: more cores shrink the variance (N), never the horizon (H)",
            "steps",
            new ContrastSizing(2_000_000, 1_000, 100_000_000),
            [
                new("wide: N = steps/50, H = 50", "rollout", steps => Rollout(Math.Max(2, steps / RolloutShortHorizon), RolloutShortHorizon, 8L * cores)),
                new(
                    "long: N = 2, H = steps/2", "rollout",
                    steps => Rollout(RolloutLongTrajectories, Math.Max(1, steps / RolloutLongTrajectories), RolloutLongTrajectories)),
            ]),
        new(
            "arith",
            "arithmetic circuits: high degree vs low degree, equal gates",
            $"the same number of gates mod 2^61 − 1: products of the level below ({ArithHighWidth} wide, degree 2^depth, so no circuit of fan-in 2 is " +
            $"shallower) against sums and products with constants (degree 1, generated at the depth {ArithLowDepth} that Valiant–Skyum–Berkowitz–Rackoff " +
            "rebalancing allows low degree)",
            "gates",
            new ContrastSizing(262_144, 4_096, 4 * 1024 * 1024),
            [
                new("high degree, deep", "arith", gates => Generated(gates / ArithHighWidth, ArithHighWidth, "high")),
                new("low degree, shallow", "arith", gates => Generated(ArithLowDepth, gates / ArithHighWidth * ArithHighWidth / ArithLowDepth, "low")),
            ]),
        new(
            "refine",
            "fixed-depth refinement: nonlinear step vs associative step",
            "synchronous rounds over the same chain length: x² + a fixes one more position per round (n rounds), affine maps converge by pointer jumping " +
            "(⌈log2 n⌉ rounds): more parallel rounds help only where the step has a shortcut",
            "length",
            new ContrastSizing(1_024, 64, 4_096),
            [
                new("nonlinear (x² + a)", "refine", length => new() { ["length"] = Text(length), ["step"] = "nonlinear" }),
                new(
                    "associative (pointer jumping)",
                    "refine",
                    length => new() { ["length"] = Text(length), ["step"] = "associative", ["rounds"] = Text((long)Math.Ceiling(Math.Log2(length))) }),
            ]),
        new(
            "sudoku",
            "many easy sudoku vs one hard one",
            "independent easy puzzles are wide; one hard puzzle is a deep search that only speculation splits",
            "puzzles",
            new ContrastSizing(200, 8, 100_000),
            [
                new("many easy 9×9", "sudoku", puzzles => new() { ["generate"] = Text(puzzles), ["tasks"] = Text(Math.Min(puzzles, 8L * cores)) }),
                new("one hard 25×25", "sudoku", _ => new() { ["preset"] = "hard25" }, ContrastSizing.Fixed(1), "(one built-in puzzle)"),
            ],
            "generalized sudoku is NP-complete, outside the serial scaling hypothesis' scope (the paper's §2.3): it illustrates width against depth of a " +
            "search, not P-completeness"),
    ];

    /// <summary>The span series: chains (slope ≈ 1) beside their log-depth counterparts (slope ≈ 0).</summary>
    public static IReadOnlyList<ContrastSpanSeries> SpanSeries { get; } =
    [
        new("eca", 0, ContrastSpanSeries.DefaultDivisors),
        new("eca", 2, ContrastSpanSeries.DefaultDivisors),
        new("s5", 0, ContrastSpanSeries.DefaultDivisors),
        new("s5", 1, ContrastSpanSeries.DefaultDivisors),
        new("hash-mc", 0, ContrastSpanSeries.DefaultDivisors),
        new("cvp", 0, ContrastSpanSeries.DefaultDivisors),
    ];

    /// <summary>The built-in modulus with known factors (timelock's <c>demo2048</c>) and the keyword that supplies them.</summary>
    public const string TimeLockDemoModulus = "demo2048";

    public const string TimeLockDemoFactors = "demo";

    /// <summary>Tree blocks of ~64 Ki letters, so the tree's depth grows only as log(length / block).</summary>
    public static long S5Tasks(long length) => Math.Clamp(length / 65_536, 1, 1_000_000);

    private static Dictionary<string, string> Eca(int rule, long steps, bool shortcut) => new()
    {
        ["rule"] = Text(rule),
        ["width"] = Text(EcaWidth),
        ["steps"] = Text(steps),
        ["init"] = "random",
        ["seed"] = "7",
        ["shortcut"] = shortcut ? "true" : "false",
    };

    private static Dictionary<string, string> Mdp(long horizon, string method) => new()
    {
        ["preset"] = "random",
        ["states"] = Text(MdpStates),
        ["policy"] = "uniform",
        ["gamma"] = "0.99",
        ["tolerance"] = "0",
        ["horizon"] = Text(horizon),
        ["method"] = method,
    };

    private static Dictionary<string, string> Rollout(long trajectories, long horizon, long tasks) => new()
    {
        ["states"] = "8",
        ["actions"] = "2",
        ["successors"] = "2",
        ["gamma"] = "0.99",
        ["trajectories"] = Text(trajectories),
        ["horizon"] = Text(horizon),
        ["tasks"] = Text(Math.Min(tasks, trajectories)),
    };

    private static Dictionary<string, string> Cvp(long layers, long width) => new()
    {
        ["layers"] = Text(layers),
        ["width"] = Text(width),
        ["seed"] = "1",
    };

    private static Dictionary<string, string> Generated(long depth, long width, string degree) => new()
    {
        ["depth"] = Text(Math.Max(1, depth)),
        ["width"] = Text(Math.Max(1, width)),
        ["degree"] = degree,
        ["seed"] = "1",
    };

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
