using System.Globalization;
using System.Text.Json.Nodes;
using SerialCluster.Workloads.Execution;
using SerialCluster.Workloads.Parameters;
using SerialCluster.Workloads.Plans;
using SerialCluster.Workloads.S5;

namespace SerialCluster.Workloads.Tests.S5;

public sealed class S5WorkloadTests
{
    private static readonly int FiveCycle = S5Group.Rank([1, 2, 3, 4, 0]);
    private static readonly int Swap01 = S5Group.Rank([1, 0, 2, 3, 4]);

    private static WorkloadPlan Plan(long length, long seed, string method, int tasks = 16, int fanIn = 2) =>
        new S5Workload().Plan(new Dictionary<string, string>
        {
            ["length"] = length.ToString(CultureInfo.InvariantCulture),
            ["seed"] = seed.ToString(CultureInfo.InvariantCulture),
            ["method"] = method,
            ["tasks"] = tasks.ToString(CultureInfo.InvariantCulture),
            ["fanIn"] = fanIn.ToString(CultureInfo.InvariantCulture),
        });

    private static JsonObject Run(WorkloadPlan plan, int parallelism = 1, bool wholeChain = false) =>
        LocalPlanRunner.Run(plan, parallelism, preferWholeChain: wholeChain).Result;

    private static int Index(JsonObject result) => result["index"]!.GetValue<int>();

    private static int[] Word(long seed, int length) =>
        [.. Enumerable.Range(0, length).Select(k => S5Kernel.Letter((ulong)seed, k))];

    // The product of an explicit word, one table lookup at a time (no kernel).
    private static int Product(IEnumerable<int> word) => word.Aggregate(S5Group.Identity, S5Group.Multiply);

    private static int Power(int element, int exponent) => Product(Enumerable.Repeat(element, exponent));

    private static int OrderOf(int element)
    {
        var order = 1;
        for (var power = element; power != S5Group.Identity; power = S5Group.Multiply(power, element))
        {
            order++;
        }

        return order;
    }

    [Theory]
    // Python, independently: perms = list(itertools.permutations(range(5))) (lexicographic); letter i =
    // perms[splitmix64(seed, i) % 120]; cur = identity; for each letter l: cur = tuple(l[cur[x]] for x in range(5)).
    [InlineData(5, 1, 98, new[] { 4, 0, 2, 1, 3 })]
    [InlineData(5, 1000, 96, new[] { 4, 0, 1, 2, 3 })]
    [InlineData(0, 7, 34, new[] { 1, 2, 4, 0, 3 })]
    [InlineData(123456789, 100_003, 110, new[] { 4, 2, 1, 0, 3 })]
    public void ProductMatchesAnIndependentImplementation(long seed, long length, int index, int[] permutation)
    {
        foreach (var method in new[] { "fold", "tree" })
        {
            var result = Run(Plan(length, seed, method, tasks: (int)Math.Min(length, 5)));
            Assert.Equal(index, Index(result));
            Assert.Equal(permutation, result["permutation"]!.AsArray().Select(n => n!.GetValue<int>()));
        }
    }

    [Fact]
    public void LettersAreSplitMixOutputsModulo120()
    {
        // The same Python: the first letters of seed 5 and of seed 0.
        Assert.Equal([98, 64, 23, 29, 61, 76, 9], Word(5, 7));
        Assert.Equal([55, 60, 79, 4, 67, 90, 113], Word(0, 7));
    }

    [Fact]
    public void IndicesAreLexicographicRanks()
    {
        Assert.Equal([0, 1, 2, 3, 4], S5Group.Permutation(0).ToArray());
        Assert.Equal([0, 1, 2, 4, 3], S5Group.Permutation(1).ToArray());
        Assert.Equal([4, 3, 2, 1, 0], S5Group.Permutation(119).ToArray());
        for (var index = 0; index < S5Group.Order; index++)
        {
            Assert.Equal(index, S5Group.Rank(S5Group.Permutation(index)));
        }
    }

    [Fact]
    public void ProductAppliesTheLeftFactorFirst()
    {
        // (0 1) then the 5-cycle x → x+1: 0 → 1 → 2, 1 → 0 → 1, 2 → 3, 3 → 4, 4 → 0.
        Assert.Equal([2, 1, 3, 4, 0], S5Group.Permutation(S5Group.Multiply(Swap01, FiveCycle)).ToArray());
    }

    [Fact]
    public void WordFollowedByItsInverseIsTheIdentity()
    {
        var word = Word(77, 10_000);
        var inverse = word.Reverse().Select(S5Group.Inverse);
        Assert.Equal(S5Group.Identity, Product(word.Concat(inverse)));
        Assert.NotEqual(S5Group.Identity, Product(word)); // …and the test is not vacuous.
    }

    [Fact]
    public void TheFiveCycleHasOrderFive()
    {
        Assert.Equal(5, OrderOf(FiveCycle));
        Assert.Equal(S5Group.Identity, Power(FiveCycle, 5));
    }

    [Fact]
    public void SwapThenFiveCycleHasOrderFour() => Assert.Equal(4, OrderOf(S5Group.Multiply(Swap01, FiveCycle)));

    [Fact]
    public void SwapAndFiveCycleGenerateAllOfS5()
    {
        var reached = new HashSet<int> { S5Group.Identity };
        var frontier = new Queue<int>(reached);
        while (frontier.TryDequeue(out var element))
        {
            foreach (var generator in new[] { Swap01, FiveCycle })
            {
                if (reached.Add(S5Group.Multiply(element, generator)))
                {
                    frontier.Enqueue(S5Group.Multiply(element, generator));
                }
            }
        }

        Assert.Equal(120, reached.Count);
    }

    [Fact]
    public void TableIsAGroup()
    {
        for (var a = 0; a < S5Group.Order; a++)
        {
            Assert.Equal(S5Group.Identity, S5Group.Multiply(a, S5Group.Inverse(a)));
            Assert.Equal(a, S5Group.Multiply(a, S5Group.Identity));
            Assert.Equal(a, S5Group.Multiply(S5Group.Identity, a));
        }

        // Associativity on every triple (counted, so 1.7 million checks cost one assertion).
        var nonAssociative = 0;
        for (var a = 0; a < S5Group.Order; a++)
        {
            for (var b = 0; b < S5Group.Order; b++)
            {
                var ab = S5Group.Multiply(a, b);
                for (var c = 0; c < S5Group.Order; c++)
                {
                    nonAssociative += S5Group.Multiply(ab, c) != S5Group.Multiply(a, S5Group.Multiply(b, c)) ? 1 : 0;
                }
            }
        }

        Assert.Equal(0, nonAssociative);
    }

    [Fact]
    public void ReversingAWordChangesTheProductInGeneral()
    {
        var changed = 0;
        for (var seed = 0; seed < 20; seed++)
        {
            var word = Word(seed, 50);
            changed += Product(word) != Product(word.Reverse()) ? 1 : 0;
        }

        Assert.True(changed >= 10, $"only {changed} of 20 reversed words changed their product");
    }

    [Fact]
    public void KernelEqualsTheTableFoldOfTheExplicitWord()
    {
        var word = Word(31, 5_003);
        Assert.Equal(Product(word), S5Kernel.Fold(31, 0, word.Length, S5Group.Identity));
        Assert.Equal(Product(word.Skip(1_001).Take(3)), S5Kernel.Fold(31, 1_001, 1_004, S5Group.Identity));
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 2)]
    [InlineData(3, 2)]
    [InlineData(7, 3)]
    [InlineData(16, 2)]
    [InlineData(100, 4)]
    [InlineData(1000, 2)]
    [InlineData(33, 1000)]
    public void TreeEqualsFoldForAnySplit(int tasks, int fanIn)
    {
        for (var seed = 1; seed <= 3; seed++)
        {
            var fold = Index(Run(Plan(300_007, seed, "fold")));
            Assert.Equal(fold, Index(Run(Plan(300_007, seed, "tree", tasks, fanIn))));
        }
    }

    [Fact]
    public void TreeDoesNotDependOnParallelism() =>
        Assert.Equal(Run(Plan(2_000_001, 9, "tree", 37, 3), parallelism: 1), Run(Plan(2_000_001, 9, "tree", 37, 3), parallelism: 4), JsonNode.DeepEquals);

    [Fact]
    public void WholeChainEqualsStagedTree()
    {
        var plan = Plan(1_000_001, 12, "tree", 10, 2);
        Assert.NotNull(plan.CreateWholeChain());
        Assert.Equal(Run(plan), Run(plan, wholeChain: true), JsonNode.DeepEquals);
        Assert.Null(Plan(1_000, 12, "fold").CreateWholeChain()); // the fold is already one chain
    }

    [Fact]
    public void FoldAdvancedInUnevenBatchesEqualsOneBatch()
    {
        var plan = Plan(100_003, 123456789, "fold");
        var chain = plan.StartChain(0, plan.CreateTaskInput(0, 0, []));
        foreach (var batch in new long[] { 1, 2, 3, 4, 5, 1_000, 77_777, 1_000_000 })
        {
            chain.Advance(batch);
        }

        Assert.Equal(100_003, chain.StepsDone);
        Assert.Equal([110], chain.Output());
    }

    [Fact]
    public void TreeHasLogDepthAndCountsEveryProduct()
    {
        var plan = Plan(1_000_000, 1, "tree", 16, 2);
        Assert.Equal(5, plan.Stages.Count); // fold blocks, then 16 → 8 → 4 → 2 → 1
        Assert.Equal([16, 8, 4, 2, 1], plan.Stages.Select(s => s.TaskCount));
        Assert.Equal(1_000_000 + 15, plan.Work);
        Assert.Equal(62_500 + 4, plan.Span);
        Assert.Equal(1_000_000, Enumerable.Range(0, 16).Sum(t => plan.TaskUnits(0, t)));

        var flat = Plan(1_000_000, 1, "tree", 16, 16);
        Assert.Equal(2, flat.Stages.Count); // blocks + one ordered combine
        Assert.Equal(62_500 + 15, flat.Span);

        var fold = Plan(1_000_000, 1, "fold");
        Assert.Equal(1_000_000, fold.Work);
        Assert.Equal(1_000_000, fold.Span);
    }

    [Fact]
    public void MoreBlocksThanLettersIsRefused()
    {
        var error = Assert.Throws<InvalidParameterException>(() => Plan(5, 1, "tree", tasks: 6));
        Assert.Equal("tasks", error.Parameter);
        Assert.Equal(Run(Plan(5, 1, "tree", tasks: 5)), Run(Plan(5, 1, "fold", tasks: 6)), JsonNode.DeepEquals); // fold ignores tasks
    }

    [Theory]
    [InlineData("length", "0")]
    [InlineData("length", "1e13")]
    [InlineData("method", "scan")]
    [InlineData("fanIn", "1")]
    [InlineData("tasks", "0")]
    public void BadParametersAreRefusedByName(string name, string value)
    {
        var error = Assert.Throws<InvalidParameterException>(() =>
            new S5Workload().Plan(new Dictionary<string, string> { [name] = value }));
        Assert.Equal(name, error.Parameter);
    }
}
