using System.Globalization;
using System.Numerics;
using System.Text;
using SerialCluster.Workloads.Randomness;
using static SerialCluster.Workloads.Tests.Eca.EcaRun;

namespace SerialCluster.Workloads.Tests.Eca;

/// <summary>Results checked against things our code did not produce: OEIS, identities, conservation laws, Python.</summary>
public sealed class EcaReferenceTests
{
    [Fact]
    public void Rule30CentreColumnStartsWithOeisA051023()
    {
        // A051023: the middle column of rule 30 from one ON cell (also re-derived with a Python simulator).
        const string Oeis = "1101110011000101100100111";
        Assert.StartsWith(Oeis, Column(Staged("rule=30 steps=100 boundary=zero record=center strips=3 halo=9")), StringComparison.Ordinal);
        Assert.StartsWith(Oeis, Column(Whole("rule=30 steps=100 boundary=zero record=center")), StringComparison.Ordinal);
        Assert.StartsWith(Oeis, Column(Staged("rule=30 steps=100 width=4096 record=center")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(100)]
    [InlineData(255)]
    [InlineData(256)]
    [InlineData(1000)]
    [InlineData(1023)]
    public void Rule90FromOneCellIsPascalsTriangleModTwo(int t)
    {
        // Row t is C(t, j) mod 2 at cell −t + 2j; by Lucas' theorem C(t, j) is odd iff j's bits are a subset of t's,
        // so the population is 2^popcount(t).
        var expected = new StringBuilder();
        for (var x = -t; x <= t; x++)
        {
            var j = (t + x) / 2;
            expected.Append(((t + x) & 1) == 0 && (j & t) == j ? '1' : '0');
        }

        var parameters = string.Create(CultureInfo.InvariantCulture, $"rule=90 steps={t} boundary=zero strips=4");
        foreach (var result in new[] { Staged(parameters), Whole(parameters), Staged(parameters + " shortcut=true") })
        {
            Assert.Equal(1L << BitOperations.PopCount((uint)t), Population(result));
            Assert.Equal(NaiveEca.Sha256(expected.ToString()), Sha(result));
        }
    }

    [Theory]
    // From an independent Python 3 simulator (lists of ints, SplitMix64 and hashlib written from the definitions):
    // population, SHA-256 of the final row as '0'/'1', SHA-256 of the centre column string.
    [InlineData(
        "rule=110 steps=500 width=1000 init=random seed=7",
        564,
        "69b26ea9d01983319f1c6a17fdba9f0c2244485895208e7d06a5aeee79b0e2b1",
        "f7fe9d94c384773a77459c69609b57ad0b41e6fb0ca6be5a25604005265b5663")]
    [InlineData(
        "rule=30 steps=300 boundary=zero",
        290,
        "bad84fb828648e87e095aa3f4f1c6a583c0205fc258a6ce00500e3a84af48923",
        "68f25c59053a9a0207a1513d14e843d753e1cb7f4d43fcb39b29909c486706b0")]
    [InlineData(
        "rule=110 steps=400 boundary=zero",
        240,
        "00a159a9ab66594b2854520c9e45d5ec71cd53b9099d09f6664a89f97e1aab57",
        "c2050668a99bf0b782b7e3eebadcf15b27952811b2013eae5770b74b5feb83f0")]
    [InlineData(
        "rule=30 steps=333 width=777 init=random seed=12345",
        393,
        "2685b17bab45f0921fefebf07d44314830f6473fff2462e833186ed53196aea6",
        "00a2b4e48a7855a49725bce982481e6430f16bf3c2416fa8f479999b132d9ceb")]
    [InlineData(
        "rule=110 steps=150 width=200 init=random boundary=zero seed=3",
        205,
        "a5da93a818928005181ce4d76d52aa9f9abb10fe9b02560b3f89dd3b2617af06",
        "3e5aacad2741f1b82ab1d0def7db028c79e25fe5b8721c54c8e985a7ab4377fa")]
    [InlineData(
        "rule=45 steps=101 boundary=zero",
        121,
        "1161a6c4ff37558cc4db36dec13df95cce67acb3608672695367b5aa40554c1d",
        "f21f7675cc8085844516167cd9e2fa3911618228ab606000eeb4b8e422c29f46")]
    [InlineData(
        "rule=129 steps=64 boundary=zero",
        125,
        "48db98fbd9563d5c71c2023cb058fc247c571cc223df390e19075885fb4fbfc0",
        "7024ac2383303d613f9310b5d1aa69b9d4f3dba4c724af7dc336889ca5e41d09")]
    [InlineData(
        "rule=90 steps=777 width=1000 init=random seed=5",
        512,
        "8bfc79e739b7e5a9f2280d1be24844a908b7606c3ae9c380b792d765efaec124",
        "ce85741d8d9b7e6271ec4b37c8a77c0afd379f635b5d82619c7777666dbc94e1")]
    [InlineData(
        "rule=30 steps=1000 width=4096",
        1001,
        "031ec9ab47e4c1b4e505584e3998162f0fd0d312e5c15833f079b26357136200",
        "4f40e83649ed63922bd794e260def12c13e6d01b02e3df136eebc69ea0fdb9ba")]
    [InlineData(
        "rule=110 steps=257 width=130 init=random boundary=zero seed=99",
        209,
        "ad2177638fc20efe7dff6d2102afeb90e87fc8cd0ae41787ef0e84098d8970aa",
        "53eace726cb68bf09e3fb498c8ea44178745451fb533e3ef1aba2907f3f4dc8b")]
    [InlineData(
        "rule=73 steps=200 width=65 init=random seed=11",
        30,
        "7f2fae294df3fe91937561460d37c659c09e0bb3fd8425a7bb207cdbeaf99feb",
        "2fbf2c08a10c356cb84e4c92c953b205e87071b443259c8becf02b68dfdb9e7c")]
    public void MatchesAnIndependentPythonSimulator(string parameters, long population, string rowSha256, string columnSha256)
    {
        foreach (var result in new[] { Staged(parameters + " record=center"), Whole(parameters + " record=center") })
        {
            Assert.Equal(population, Population(result));
            Assert.Equal(rowSha256, Sha(result));
            Assert.Equal(columnSha256, NaiveEca.Sha256(Column(result)));
        }
    }

    [Theory]
    // Python 3 by Lucas' theorem, not by the doubling jump: s_T(x) = xor over the j whose bits are a subset of T's
    // of s_0(x − T + 2j mod width) (checked there against a direct simulation at T = 777).
    [InlineData("steps=1000000000 width=1000 seed=5", 488, "b1c8c872355f7569319fd64250187db62f84c42db08de976644d22444836466a")]
    [InlineData("steps=234567890 width=777 seed=6", 404, "1c1bb2cd37516f5b664ff12028f1c00611f92c88bcfe023b76ada935c20f0476")]
    public void Rule90ShortcutReachesABillionStepsAsLucasTheoremSays(string parameters, long population, string rowSha256)
    {
        foreach (var result in new[]
        {
            Staged("rule=90 shortcut=true init=random strips=5 " + parameters),
            Whole("rule=90 shortcut=true init=random " + parameters),
        })
        {
            Assert.Equal(population, Population(result));
            Assert.Equal(rowSha256, Sha(result));
        }
    }

    [Fact]
    public void EveryRuleMatchesANaiveSimulator()
    {
        for (var rule = 0; rule < 256; rule++)
        {
            foreach (var (ring, random) in new[] { (true, true), (false, false), (false, true) })
            {
                var (population, row, column) = NaiveEca.Run(rule, 40, 130, random, ring, 9);
                var parameters = string.Create(
                    CultureInfo.InvariantCulture,
                    $"rule={rule} steps=40 width=130 seed=9 init={(random ? "random" : "single")} boundary={(ring ? "ring" : "zero")} record=center");
                var staged = Staged(parameters + " strips=3 halo=6");
                var whole = Whole(parameters);
                foreach (var result in new[] { staged, whole })
                {
                    Assert.True(population == Population(result), $"rule {rule} {parameters}: population");
                    Assert.True(NaiveEca.Sha256(row) == Sha(result), $"rule {rule} {parameters}: row");
                    Assert.True(column == Column(result), $"rule {rule} {parameters}: column");
                }
            }
        }
    }

    [Fact]
    public void Rule184ConservesTheNumberOfOnCellsOnARing()
    {
        // The traffic rule moves cars, never creates or destroys them.
        const int Width = 1000;
        var initial = Enumerable.Range(0, Width).Count(i => (SplitMix64.At(21, (ulong)i) & 1) != 0);
        Assert.Equal(initial, Population(Staged("rule=184 steps=600 width=1000 init=random seed=21 strips=5")));
        Assert.Equal(initial, Population(Whole("rule=184 steps=600 width=1000 init=random seed=21")));
    }

    [Fact]
    public void Rule170RotatesTheRingOneCellPerStep()
    {
        // Rule 170 copies the right neighbour: after t steps cell x holds the initial cell (x + t) mod width.
        const int Width = 300;
        const int Steps = 77;
        var expected = new string([.. Enumerable.Range(0, Width).Select(x => (SplitMix64.At(4, (ulong)((x + Steps) % Width)) & 1) != 0 ? '1' : '0')]);
        Assert.Equal(NaiveEca.Sha256(expected), Sha(Staged("rule=170 steps=77 width=300 init=random seed=4 strips=4 halo=10")));
    }
}
