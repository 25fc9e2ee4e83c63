using System.Globalization;
using System.Numerics;
using SerialCluster.Workloads.Execution;
using SerialCluster.Workloads.Parameters;
using SerialCluster.Workloads.Plans;
using SerialCluster.Workloads.TimeLock;

namespace SerialCluster.Workloads.Tests.TimeLock;

public sealed class TimeLockWorkloadTests
{
    // Primes from Python/sympy: nextprime of a 1024-bit number taken from SHA-256("serialcluster timelock p:0"),
    // ("…:1"), … with the top bit set (and the same for q); N = p·q has 2047 bits.
    private static readonly BigInteger P1024 = BigInteger.Parse(
        "113682752312824203614742000078586048286191585862548776580265638813874059476457806053596047092995550616445658555242837187465407365192262262959644683" +
        "603323538178274913426689219828950222191187598122951591998295261083636899517065386232633380029245356220751661277961846990999622599404095367796821238" +
        "266001172891179",
        CultureInfo.InvariantCulture);

    private static readonly BigInteger Q1024 = BigInteger.Parse(
        "122547649521091648637259259321467374182650438104690507872364407228192537270083472225277671180988019934554928028874241062167301177532960926133817792" +
        "487516857948429149309325382256249931422168439204049514269198400795729700315439107434959687030989048650854525752497087107384283066663720107698160972" +
        "536055391283453",
        CultureInfo.InvariantCulture);

    private static string Y(BigInteger modulus, BigInteger x, long t) =>
        Run(Plan(modulus.ToString(CultureInfo.InvariantCulture), x.ToString(CultureInfo.InvariantCulture), t));

    private static WorkloadPlan Plan(string modulus, string x, long t) =>
        new TimeLockWorkload().Plan(new Dictionary<string, string>
        {
            ["modulus"] = modulus,
            ["x"] = x,
            ["t"] = t.ToString(CultureInfo.InvariantCulture),
        });

    private static string Run(WorkloadPlan plan, int parallelism = 1) =>
        LocalPlanRunner.Run(plan, parallelism).Result["y"]!.GetValue<string>();

    // The trapdoor: with φ(N) known, x^(2^t) = x^(2^t mod φ(N)) mod N for gcd(x, N) = 1 (Euler), computed by
    // BigInteger.ModPow alone, none of our arithmetic.
    private static string Shortcut(BigInteger p, BigInteger q, BigInteger x, long t)
    {
        var phi = (p - 1) * (q - 1);
        var exponent = BigInteger.ModPow(2, t, phi);
        return BigInteger.ModPow(x, exponent, p * q).ToString(CultureInfo.InvariantCulture);
    }

    // The definition, one BigInteger squaring at a time.
    private static string Direct(BigInteger modulus, BigInteger x, long t)
    {
        for (long i = 0; i < t; i++)
        {
            x = x * x % modulus;
        }

        return x.ToString(CultureInfo.InvariantCulture);
    }

    [Theory]
    [InlineData(1, "4")]
    [InlineData(2, "16")]
    [InlineData(3, "113")] // 256 − 143
    [InlineData(4, "42")]  // 113² = 12769 = 89·143 + 42
    [InlineData(5, "48")]  // 42² = 1764 = 12·143 + 48
    public void TinyModulusByHand(long t, string expected) => Assert.Equal(expected, Y(143, 2, t));

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(17)]
    [InlineData(1000)]
    [InlineData(2345)]
    public void TwoThousandBitModulusMatchesTheTrapdoor(long t)
    {
        foreach (var x in new BigInteger[] { 2, 3, BigInteger.Parse("123456789012345678901234567890", CultureInfo.InvariantCulture) })
        {
            Assert.Equal(Shortcut(P1024, Q1024, x, t), Y(P1024 * Q1024, x, t));
        }
    }

    [Theory]
    // One limb; two limbs with the top limb nearly full (N = 0xfffffffffff0bd44_00000000038453bb); tiny.
    [InlineData("4294967291", "2147483659")]
    [InlineData("18446744073709551557", "18446744073708551551")]
    [InlineData("11", "13")]
    [InlineData("3", "5")]
    public void SmallModuliMatchTheTrapdoor(string pText, string qText)
    {
        var p = BigInteger.Parse(pText, CultureInfo.InvariantCulture);
        var q = BigInteger.Parse(qText, CultureInfo.InvariantCulture);
        foreach (var t in new long[] { 1, 2, 3, 64, 65, 127, 128, 129, 1000, 99_999 })
        {
            Assert.Equal(Shortcut(p, q, 2, t), Y(p * q, 2, t));
            Assert.Equal(Shortcut(p, q, p * q - 2, t), Y(p * q, p * q - 2, t));
        }
    }

    [Fact]
    public void Rsa2048MatchesAnIndependentImplementation()
    {
        // Python: pow(2, 1 << 10000, N) with N = RSA-2048 (no trapdoor known for it).
        const string Expected =
            "14152590063389842313867900293495768679890070505650040486639792693006149902423749738505202000249012106513551347154813316987909601161723648638917" +
            "43744936409751592771011421903296433236178303713095066204217064872910128494283663856862426346571078436333081636328872800416606699672033332188747" +
            "81907509212756751611727148688553889721491416826469129890035292729011977379641731213326530420040656308255414879136967931115939607501809907064144" +
            "91173102531890824816114881757200114142385264969930410378539237370720933791540143744489837192124599411798346982488725411140351133789022901254637" +
            "463399742223329201223413521772880653406148731";
        Assert.Equal(Expected, Run(Plan(TimeLockWorkload.Rsa2048, "2", 10_000)));
    }

    [Fact]
    public void RandomOddModuliOfEverySizeMatchDirectSquaring()
    {
        var random = new Random(20240601);
        foreach (var bits in new[] { 2, 3, 63, 64, 65, 127, 128, 129, 255, 256, 511, 1000, 2048, 3000, 4096 })
        {
            var bytes = new byte[(bits + 7) / 8];
            random.NextBytes(bytes);
            var modulus = new BigInteger(bytes, isUnsigned: true) % (BigInteger.One << bits);
            modulus |= (BigInteger.One << (bits - 1)) | 1; // exactly this many bits, odd
            if (modulus < 3)
            {
                modulus = 3;
            }

            random.NextBytes(bytes);
            var x = (new BigInteger(bytes, isUnsigned: true) % (modulus - 2)) + 2;
            if (x >= modulus)
            {
                continue;
            }

            Assert.Equal(Direct(modulus, x, 40), Y(modulus, x, 40));
        }
    }

    [Fact]
    public void FullTopLimbModulusMatchesDirectSquaring()
    {
        // N just below R = 2^(64·limbs): the final subtraction of REDC is taken often.
        foreach (var limbs in new[] { 1, 2, 32 })
        {
            var modulus = (BigInteger.One << (64 * limbs)) - 159;
            Assert.Equal(Direct(modulus, modulus - 2, 300), Y(modulus, modulus - 2, 300));
            Assert.Equal(Direct(modulus, 3, 300), Y(modulus, 3, 300));
        }
    }

    [Fact]
    public void ChainBatchesOfAnySizeGiveTheSameResult()
    {
        var plan = Plan((P1024 * Q1024).ToString(CultureInfo.InvariantCulture), "5", 1_500);
        var chain = plan.StartChain(0, plan.CreateTaskInput(0, 0, []));
        foreach (var batch in new long[] { 1, 1, 2, 3, 5, 8, 13, 1_000, 1_000_000 })
        {
            chain.Advance(batch);
        }

        Assert.Equal(1_500, chain.StepsDone);
        var y = new BigInteger(chain.Output(), isUnsigned: true, isBigEndian: false).ToString(CultureInfo.InvariantCulture);
        Assert.Equal(Shortcut(P1024, Q1024, 5, 1_500), y);
        Assert.Equal(y, Run(plan, parallelism: 4));
    }

    [Fact]
    public void WorkEqualsSpanEqualsT()
    {
        var plan = Plan("143", "2", 12_345);
        Assert.Equal(12_345, plan.Work);
        Assert.Equal(12_345, plan.Span);
        Assert.Single(plan.Stages);
        Assert.Null(plan.CreateWholeChain());
    }

    [Fact]
    public void DefaultModulusIsRsa2048ByName()
    {
        var workload = new TimeLockWorkload();
        var plan = workload.Plan(workload.Example);
        Assert.Equal(30_000, plan.Work);
        Assert.Equal(2048, BigInteger.Parse(TimeLockWorkload.Rsa2048, CultureInfo.InvariantCulture).GetBitLength());
        var byName = Run(workload.Plan(new Dictionary<string, string> { ["t"] = "3" }));
        Assert.Equal(byName, Run(Plan(TimeLockWorkload.Rsa2048, "2", 3)));
        Assert.Equal("256", byName); // 2^(2^3) is still below N
    }

    [Fact]
    public void SurroundingWhitespaceInAModulusFileIsIgnored() =>
        Assert.Equal("4", Run(Plan("143\n", " 2 ", 1)));

    [Theory]
    [InlineData("modulus", "12a3", ParameterErrorKind.Malformed)]
    [InlineData("modulus", "-143", ParameterErrorKind.Malformed)]
    [InlineData("modulus", "0x8f", ParameterErrorKind.Malformed)]
    [InlineData("modulus", "", ParameterErrorKind.Malformed)]
    [InlineData("modulus", "1", ParameterErrorKind.OutOfRange)]
    [InlineData("modulus", "2", ParameterErrorKind.OutOfRange)]
    [InlineData("modulus", "144", ParameterErrorKind.OutOfRange)]
    [InlineData("x", "1", ParameterErrorKind.OutOfRange)]
    [InlineData("x", "0", ParameterErrorKind.OutOfRange)]
    [InlineData("x", "143", ParameterErrorKind.OutOfRange)]
    [InlineData("x", "two", ParameterErrorKind.Malformed)]
    [InlineData("t", "0", ParameterErrorKind.OutOfRange)]
    [InlineData("t", "1e12", ParameterErrorKind.OutOfRange)]
    public void BadParametersAreRefusedByName(string name, string value, ParameterErrorKind kind)
    {
        var raw = new Dictionary<string, string> { ["modulus"] = "143", ["x"] = "2", ["t"] = "10", [name] = value };
        var error = Assert.Throws<InvalidParameterException>(() => new TimeLockWorkload().Plan(raw));
        Assert.Equal(name, error.Parameter);
        Assert.Equal(kind, error.Kind);
    }

    [Fact]
    public void ModuliAbove4096BitsAreRefused()
    {
        var largest = (BigInteger.One << 4096) - 1;
        Assert.Equal(Direct(largest, 3, 5), Y(largest, 3, 5));
        var error = Assert.Throws<InvalidParameterException>(() =>
            Plan(((BigInteger.One << 4096) + 1).ToString(CultureInfo.InvariantCulture), "2", 1));
        Assert.Equal("modulus", error.Parameter);
    }
}
