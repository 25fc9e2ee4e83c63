using System.Globalization;
using System.Numerics;
using SerialCluster.Workloads.Execution;
using SerialCluster.Workloads.Parameters;
using SerialCluster.Workloads.Plans;
using SerialCluster.Workloads.TimeLock;

namespace SerialCluster.Workloads.Tests.TimeLock;

public sealed class TimeLockTrapdoorTests
{
    private static WorkloadPlan Plan(string modulus, string x, long t, string? factors = null)
    {
        var raw = new Dictionary<string, string>
        {
            ["modulus"] = modulus,
            ["x"] = x,
            ["t"] = t.ToString(CultureInfo.InvariantCulture),
        };
        if (factors is not null)
        {
            raw["factors"] = factors;
        }

        return new TimeLockWorkload().Plan(raw);
    }

    private static string Run(WorkloadPlan plan, int parallelism = 1) =>
        LocalPlanRunner.Run(plan, parallelism).Result.ToJsonString();

    // The definition with no φ in it: x^(2^t) mod N by BigInteger.ModPow on the full exponent 2^t.
    private static string Definition(BigInteger modulus, BigInteger x, long t) =>
        new System.Text.Json.Nodes.JsonObject
        {
            ["y"] = BigInteger.ModPow(x, BigInteger.Pow(2, checked((int)t)), modulus).ToString(CultureInfo.InvariantCulture),
        }.ToJsonString();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(1000)]  // not a power of two
    [InlineData(2047)]  // 2^t below φ(N) …
    [InlineData(2049)]  // … and above it
    [InlineData(5000)]
    public void TrapdoorEqualsTheSquaringChainOnTheDemoModulus(long t)
    {
        var modulus = BigInteger.Parse(TimeLockDemoModulus.Modulus, CultureInfo.InvariantCulture);
        foreach (var x in new[] { "2", "3", "123456789012345678901234567890" })
        {
            var trapdoor = Run(Plan(TimeLockDemoModulus.Name, x, t, TimeLockDemoModulus.FactorsName));
            Assert.Equal(Run(Plan(TimeLockDemoModulus.Name, x, t)), trapdoor);
            Assert.Equal(Definition(modulus, BigInteger.Parse(x, CultureInfo.InvariantCulture), t), trapdoor);
        }
    }

    [Fact]
    public void ExplicitFactorsEqualTheBuiltInOnes()
    {
        var factors = TimeLockDemoModulus.Q + " , " + TimeLockDemoModulus.P;
        Assert.Equal(
            Run(Plan(TimeLockDemoModulus.Modulus, "5", 777, TimeLockDemoModulus.FactorsName)),
            Run(Plan(TimeLockDemoModulus.Name, "5", 777, factors)));
    }

    [Theory]
    // N = 3233 = 61·53, φ = 3120 (the RSA textbook example). 2^8 = 256; 2^16 = 65536 = 20·3233 + 876.
    [InlineData(3, "2", "256")]
    [InlineData(4, "2", "876")]
    public void TextbookModulusByHand(long t, string x, string y)
    {
        Assert.Equal($"{{\"y\":\"{y}\"}}", Run(Plan("3233", x, t, "61,53")));
        Assert.Equal($"{{\"y\":\"{y}\"}}", Run(Plan("3233", x, t)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(12)]   // 2^12 = 4096 > φ = 3120
    [InlineData(13)]
    [InlineData(100)]
    [InlineData(3120)]
    [InlineData(4999)]
    public void TextbookModulusMatchesTheDefinitionForEveryBase(long t)
    {
        // 61 and 53 share a factor with N: the trapdoor must still be right (e = φ, never 0, and a, b ≥ 1).
        foreach (var x in new[] { 2, 3, 53, 61, 1000, 3232 })
        {
            var text = x.ToString(CultureInfo.InvariantCulture);
            var trapdoor = Run(Plan("3233", text, t, "53,61"));
            Assert.Equal(Definition(3233, x, t), trapdoor);
            Assert.Equal(Run(Plan("3233", text, t)), trapdoor);
        }
    }

    [Fact]
    public void PowerOfTwoPhiTakesEPhiNotZero()
    {
        // N = 15, φ = 8 divides 2^t for t ≥ 3: e = 8, and x = 3, 5, 6, 10 share a factor with N.
        foreach (var x in Enumerable.Range(2, 13))
        {
            foreach (var t in new long[] { 1, 2, 3, 4, 10 })
            {
                var text = x.ToString(CultureInfo.InvariantCulture);
                Assert.Equal(Definition(15, x, t), Run(Plan("15", text, t, "3,5")));
            }
        }
    }

    [Fact]
    public void LargeTMatchesTheChainOnASmallModulus()
    {
        // A million squarings of a one-limb modulus take milliseconds; the trapdoor takes 40-odd steps.
        const long T = 1_000_003;
        var chain = Run(Plan("3233", "2", T));
        Assert.Equal(chain, Run(Plan("3233", "2", T, "61,53")));
        Assert.Equal(chain, Run(Plan("3233", "2", T, "61,53"), parallelism: 4));
    }

    [Theory]
    [InlineData(1L)]
    [InlineData(1_000_000L)]
    [InlineData(12_345_678_901L)]
    [InlineData(TimeLockWorkload.MaxSquarings)]
    public void TrapdoorSpanIsLogarithmicInT(long t)
    {
        var plan = Plan(TimeLockDemoModulus.Name, "2", t, TimeLockDemoModulus.FactorsName);
        var stage = Assert.Single(plan.Stages);
        Assert.Equal(StageKind.Chain, stage.Kind);
        Assert.Equal(TimeLockTrapdoorPlan.StageName, stage.Name);

        // Exactly the formula: t's bits below the top (+ its 1 bits) mod φ, then e's mod N.
        var trapdoor = ((TimeLockTrapdoorPlan)plan).Trapdoor;
        var e = trapdoor.Exponent;
        var expected = (64 - BitOperations.LeadingZeroCount((ulong)t) - 1) + BitOperations.PopCount((ulong)t) - 1 +
            (long)e.GetBitLength() - 1 + PopCount(e) - 1;
        Assert.Equal(expected, plan.Span);
        Assert.Equal(plan.Span, plan.Work);
        Assert.InRange(plan.Span, 1, (2 * 64) + (2 * 2048));
        Assert.Equal(t, Plan(TimeLockDemoModulus.Name, "2", t).Span);
    }

    [Fact]
    public void ACheckpointedTrapdoorResumesToTheSameAnswer()
    {
        var plan = Plan(TimeLockDemoModulus.Name, "7", 123_456, TimeLockDemoModulus.FactorsName);
        var whole = plan.StartChain(0, []);
        whole.Advance(long.MaxValue);

        var first = plan.StartChain(0, []);
        first.Advance(10); // still in the first pass, mod φ
        var second = plan.StartChain(0, []);
        second.Restore(first.Checkpoint());
        second.Advance(second.TotalSteps / 2);
        var third = plan.StartChain(0, []);
        third.Restore(second.Checkpoint());
        third.Advance(long.MaxValue);
        Assert.Equal(whole.Output(), third.Output());
    }

    [Theory]
    [InlineData("3233", "61,59", "p·q must equal the modulus")]
    [InlineData("3233", "53,61,1", "found 3 parts")]
    [InlineData("3233", "3233", "found 1 parts")]
    [InlineData("3233", "61;53", "found 1 parts")]
    [InlineData("3233", "61,5x3", "digits 0-9 only")]
    [InlineData("3233", "-61,-53", "digits 0-9 only")]
    [InlineData("3233", "1,3233", "1 is not prime")]
    [InlineData("105", "15,7", "15 is not prime")]
    [InlineData("9", "3,3", "distinct")]
    [InlineData("rsa2048", "demo", "p·q must equal the modulus")]
    public void BadFactorsAreRefusedNamingFactors(string modulus, string factors, string allowed)
    {
        var error = Assert.Throws<InvalidParameterException>(() => Plan(modulus, "2", 10, factors));
        Assert.Equal("factors", error.Parameter);
        Assert.Equal(factors, error.Value);
        Assert.Contains(allowed, error.Allowed, StringComparison.Ordinal);
    }

    [Fact]
    public void NoneAndTheDefaultAreTheSquaringChain()
    {
        Assert.IsType<TimeLockPlan>(Plan("3233", "2", 10));
        Assert.IsType<TimeLockPlan>(Plan("3233", "2", 10, "none"));
        Assert.IsType<TimeLockTrapdoorPlan>(Plan("3233", "2", 10, "61,53"));
    }

    [Fact]
    public void TheDemoModulusIsTheProductOfItsTwoPublishedPrimes()
    {
        var p = BigInteger.Parse(TimeLockDemoModulus.P, CultureInfo.InvariantCulture);
        var q = BigInteger.Parse(TimeLockDemoModulus.Q, CultureInfo.InvariantCulture);
        var n = BigInteger.Parse(TimeLockDemoModulus.Modulus, CultureInfo.InvariantCulture);
        Assert.Equal(n, p * q);
        Assert.Equal(2048, n.GetBitLength());
        Assert.Equal(1024, p.GetBitLength());
        Assert.Equal(1024, q.GetBitLength());
        Assert.True(MillerRabin.IsProbablePrime(p));
        Assert.True(MillerRabin.IsProbablePrime(q));
    }

    private static long PopCount(BigInteger value) =>
        value.ToByteArray(isUnsigned: true).Sum(b => (long)BitOperations.PopCount(b));
}
