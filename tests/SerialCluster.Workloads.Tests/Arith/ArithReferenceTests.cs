using System.Globalization;
using System.Numerics;
using System.Text;
using SerialCluster.Workloads.Arith;
using static SerialCluster.Workloads.Tests.Arith.ArithRunner;

namespace SerialCluster.Workloads.Tests.Arith;

/// <summary>Circuits whose values have closed forms, checked with BigInteger arithmetic mod p (not the workload's field code).</summary>
public sealed class ArithReferenceTests
{
    [Fact]
    public void FieldOperationsMatchBigIntegerArithmetic()
    {
        var random = new Random(5);
        ulong[] edges = [0, 1, 2, ArithField.Modulus - 1, ArithField.Modulus - 2, 1UL << 60, (1UL << 32) + 7];
        var values = edges.Concat(Enumerable.Range(0, 200).Select(_ => (ulong)random.NextInt64(0, (long)ArithField.Modulus))).ToArray();
        foreach (var a in values)
        {
            foreach (var b in values.Take(40))
            {
                Assert.Equal((ulong)((a + (BigInteger)b) % P), ArithField.Add(a, b));
                Assert.Equal((ulong)((((a - (BigInteger)b) % P) + P) % P), ArithField.Subtract(a, b));
                Assert.Equal((ulong)(a * (BigInteger)b % P), ArithField.Multiply(a, b));
            }
        }

        Assert.Equal((ulong)(ulong.MaxValue % P), ArithField.Reduce(ulong.MaxValue));
    }

    [Fact]
    public void HornerChainEvaluatesItsPolynomial()
    {
        // h = c_n; h = h·x + c_k for k = n−1 … 0: depth 2n, degree n.
        const int n = 300;
        var coefficients = Enumerable.Range(0, n + 1).Select(k => (BigInteger)SplitMix(k) % P).ToArray();
        var text = new StringBuilder("INPUT(x)\n");
        for (var k = 0; k <= n; k++)
        {
            text.Append(CultureInfo.InvariantCulture, $"c{k} = CONST({coefficients[k]})\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"h{n} = ADD(c{n})\n");
        for (var k = n - 1; k >= 0; k--)
        {
            text.Append(CultureInfo.InvariantCulture, $"m{k} = MUL(h{k + 1}, x)\nh{k} = ADD(m{k}, c{k})\n");
        }

        text.Append("OUTPUT(h0)\n");
        var x = (BigInteger)123_456_789_012_345UL;
        var expected = BigInteger.Zero;
        for (var k = 0; k <= n; k++)
        {
            expected += coefficients[k] * BigInteger.ModPow(x, k, P);
        }

        var result = RunEveryWay(Text(text.ToString(), [x]));
        Assert.Equal((ulong)(expected % P), Outputs(result)[0]);
        Assert.Equal((2 * n) + 1, result["depth"]!.GetValue<int>());
        Assert.Equal(Math.Log2(n), result["degreeLog2"]!.GetValue<double>(), 6);
    }

    [Fact]
    public void ProductsSumsAndDifferencesOfInputsMatchTheirClosedForms()
    {
        const int n = 64;
        var inputs = Enumerable.Range(0, n).Select(i => (BigInteger)SplitMix(1000 + i) % P).ToArray();
        var names = string.Join(", ", Enumerable.Range(0, n).Select(i => $"x{i}"));
        var text = string.Concat(Enumerable.Range(0, n).Select(i => $"INPUT(x{i})\n")) +
            $"prod = MUL({names})\nsum = ADD({names})\ndiff = SUB({names})\nsq = MUL(sum, sum)\n" +
            "OUTPUT(prod)\nOUTPUT(sum)\nOUTPUT(diff)\nOUTPUT(sq)\nOUTPUT(x3)\n";
        var product = inputs.Aggregate(BigInteger.One, (a, b) => a * b) % P;
        var sum = inputs.Aggregate(BigInteger.Zero, (a, b) => a + b) % P;
        var difference = (((inputs[0] - inputs.Skip(1).Aggregate(BigInteger.Zero, (a, b) => a + b)) % P) + P) % P;
        var outputs = Outputs(RunEveryWay(Text(text, inputs)));
        Assert.Equal([(ulong)product, (ulong)sum, (ulong)difference, (ulong)(sum * sum % P), (ulong)inputs[3]], outputs);
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(2, 3000)]
    [InlineData(3, 500)]
    public void HighDegreeChainOfWidthOneIsRepeatedPowering(int fanIn, int depth)
    {
        // Width 1: every gate multiplies fanIn copies of the one below, so y = x^(fanIn^depth).
        var result = RunEveryWay(Generated(depth, 1, fanIn, "high"));
        var x = (BigInteger)(SplitMix64At(7, 0) % ArithField.Modulus);
        Assert.Equal((ulong)BigInteger.ModPow(x, BigInteger.Pow(fanIn, depth), P), Outputs(result)[0]);
        Assert.Equal(depth, result["depth"]!.GetValue<int>());
        // Six decimals reported, summed in floating point level by level: equal to well within a thousandth.
        Assert.InRange(result["degreeLog2"]!.GetValue<double>() - (depth * Math.Log2(fanIn)), -1e-3, 1e-3);
    }

    [Theory]
    [InlineData(40, 64, 2)]
    [InlineData(25, 300, 4)]
    public void LowDegreeCircuitsAreAffineInTheirInputs(int depth, int width, int fanIn)
    {
        // Degree 1: f(x + y) + f(0) = f(x) + f(y) mod p, output by output, whatever the circuit.
        var random = new Random(depth);
        var x = Enumerable.Range(0, width).Select(_ => (BigInteger)random.NextInt64(0, (long)ArithField.Modulus)).ToArray();
        var y = Enumerable.Range(0, width).Select(_ => (BigInteger)random.NextInt64(0, (long)ArithField.Modulus)).ToArray();
        var fx = Affine(x);
        var fy = Affine(y);
        var fxy = Affine([.. x.Zip(y, (a, b) => (a + b) % P)]);
        var f0 = Affine(new BigInteger[width]);
        for (var j = 0; j < width; j++)
        {
            Assert.Equal(((BigInteger)fxy[j] + f0[j]) % P, ((BigInteger)fx[j] + fy[j]) % P);
        }

        ulong[] Affine(BigInteger[] inputs)
        {
            var parameters = Generated(depth, width, fanIn, "low");
            parameters["inputs"] = string.Join(" ", inputs.Select(v => v.ToString(CultureInfo.InvariantCulture)));
            var result = RunEveryWay(parameters);
            Assert.Equal(0, result["degreeLog2"]!.GetValue<double>());
            return Outputs(result);
        }
    }

    [Theory]
    [InlineData(200, 64, 2, "high", 3, 8)]
    [InlineData(100, 513, 3, "low", 8, 16)]
    [InlineData(60, 1000, 8, "high", 7, 100)]
    [InlineData(300, 16, 2, "low", 4, 1)]
    public void GeneratedCircuitsGiveTheSameResultInEveryModeAndSplit(int depth, int width, int fanIn, string degree, int tasks, int grain)
    {
        var reference = RunEveryWay(Generated(depth, width, fanIn, degree, seed: 11, tasks: tasks, grain: grain));
        var otherSplit = Run(Generated(depth, width, fanIn, degree, seed: 11, tasks: 1, grain: 1), parallelism: 2);
        Assert.Equal(reference.ToJsonString(), otherSplit.ToJsonString());
        Assert.Equal(depth * width, reference["gates"]!.GetValue<int>());
        Assert.Equal(depth, reference["depth"]!.GetValue<int>());
    }

    private static ulong SplitMix(int index) => SplitMix64At(2024, (ulong)index);

    private static ulong SplitMix64At(ulong seed, ulong index) => SerialCluster.Workloads.Randomness.SplitMix64.At(seed, index);
}
