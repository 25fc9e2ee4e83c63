using SerialCluster.Workloads.Execution;
using SerialCluster.Workloads.HashChain;

namespace SerialCluster.Workloads.Tests.HashChain;

public sealed class HashChainWorkloadTests
{
    private static string Digest(string seed, long steps) =>
        LocalPlanRunner.Run(new HashChainWorkload().Plan(new Dictionary<string, string>
        {
            ["seed"] = seed,
            ["steps"] = steps.ToString(System.Globalization.CultureInfo.InvariantCulture),
        })).Result["digest"]!.GetValue<string>();

    [Fact]
    public void OneStepOfAbcIsSha256OfAbc() =>
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Digest("616263", 1));

    [Theory]
    // Computed independently with Python's hashlib: x = bytes.fromhex(seed); repeat steps: x = sha256(x).digest()
    [InlineData(10, "10e286f907c0fe9f02cea3864cbaec04ae47e2c0a13b60473bc9968a4851b219")]
    [InlineData(1000, "fc8a6b86a13f71cd9a67f558ab6fd82a3dd89186163a017ed8051acf6d3f8f99")]
    [InlineData(100_000, "a1bef7ae48256687fbf160d35e5734802d6d2587f4089a8715feae642c7cf9f3")]
    public void ManyStepsMatchAnIndependentImplementation(long steps, string expected) =>
        Assert.Equal(expected, Digest("616263", steps));

    [Fact]
    public void EmptySeedHashesTheEmptyString() =>
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Digest("", 1));

    [Fact]
    public void WorkEqualsSpanEqualsSteps()
    {
        var plan = new HashChainWorkload().Plan(new Dictionary<string, string> { ["steps"] = "12345" });
        Assert.Equal(12345, plan.Work);
        Assert.Equal(12345, plan.Span);
        Assert.Single(plan.Stages);
    }

    [Fact]
    public void ChainAdvancedInUnevenBatchesEqualsOneBatch()
    {
        var plan = new HashChainWorkload().Plan(new Dictionary<string, string> { ["steps"] = "1000" });
        var chain = plan.StartChain(0, plan.CreateTaskInput(0, 0, []));
        foreach (var batch in new long[] { 1, 2, 3, 500, 10_000 })
        {
            chain.Advance(batch);
        }

        Assert.Equal(1000, chain.StepsDone);
        Assert.Equal("fc8a6b86a13f71cd9a67f558ab6fd82a3dd89186163a017ed8051acf6d3f8f99", Convert.ToHexStringLower(chain.Output()));
    }
}
