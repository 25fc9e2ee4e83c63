using System.Globalization;
using SerialCluster.Workloads.Execution;
using SerialCluster.Workloads.Mdp;
using SerialCluster.Workloads.Parameters;

namespace SerialCluster.Workloads.Tests.Mdp;

/// <summary>
/// <c>method=squaring</c>: V_H of a fixed policy by repeated squaring of V ↦ r + γ·P·V, against the sweeps that compute
/// the same V_H one step at a time, the closed form V = (I − γP)⁻¹·r, and Sutton &amp; Barto's Figure 4.1.
/// </summary>
public sealed class MdpSquaringTests
{
    private static Dictionary<string, string> Uniform(
        int states, double gamma, int horizon, string method, int tasks = 4, long seed = 42, int actions = 3, int successors = 4) => new()
        {
            ["preset"] = "random",
            ["policy"] = "uniform",
            ["method"] = method,
            ["states"] = states.ToString(CultureInfo.InvariantCulture),
            ["actions"] = actions.ToString(CultureInfo.InvariantCulture),
            ["successors"] = successors.ToString(CultureInfo.InvariantCulture),
            ["gamma"] = gamma.ToString("R", CultureInfo.InvariantCulture),
            ["horizon"] = horizon.ToString(CultureInfo.InvariantCulture),
            ["tolerance"] = "0",
            ["tasks"] = tasks.ToString(CultureInfo.InvariantCulture),
            ["seed"] = seed.ToString(CultureInfo.InvariantCulture),
        };

    /// <summary>The unrounded V_H and the run, by squaring.</summary>
    private static (double[] Values, LocalPlanRun Run) Squared(Dictionary<string, string> parameters, int parallelism = 1)
    {
        var plan = Assert.IsType<MdpSquaringPlan>(new MdpWorkload().Plan(parameters));
        var run = LocalPlanRunner.Run(plan, parallelism);
        return (plan.Values(run.StageOutputs[^1]), run);
    }

    /// <summary>The unrounded V_H by sweeps.</summary>
    private static double[] Swept(Dictionary<string, string> parameters)
    {
        var plan = Assert.IsType<MdpPlan>(new MdpWorkload().Plan(parameters));
        var run = LocalPlanRunner.Run(plan, 1, preferWholeChain: true);
        var block = run.StageOutputs[^1].Single();
        var values = new double[MdpCodec.Count(block, optimize: false)];
        MdpCodec.ReadValues(block, values.Length, values);
        return values;
    }

    private static void AssertClose(double[] expected, double[] actual, double relative)
    {
        Assert.Equal(expected.Length, actual.Length);
        var scale = Math.Max(1.0, expected.Max(Math.Abs));
        for (var s = 0; s < expected.Length; s++)
        {
            Assert.True(Math.Abs(expected[s] - actual[s]) <= relative * scale, $"state {s}: expected {expected[s]:R}, got {actual[s]:R}");
        }
    }

    [Theory]
    [InlineData(1L, 300)]
    [InlineData(7L, 300)]
    [InlineData(42L, 1000)]
    [InlineData(2026L, 1)]
    [InlineData(3L, 2)]
    [InlineData(5L, 64)]
    [InlineData(11L, 255)]
    public void SquaringAgreesWithTheUniformPolicysSweeps(long seed, int horizon)
    {
        var swept = Swept(Uniform(150, 0.99, horizon, "sweeps", seed: seed));
        var (squared, run) = Squared(Uniform(150, 0.99, horizon, "squaring", seed: seed));
        AssertClose(swept, squared, 1e-9);
        Assert.Equal(MdpSquaringPlan.Levels(horizon), run.StagesRun);
    }

    [Fact]
    public void SquaringReachesTheClosedFormForALongHorizon()
    {
        // γ = 0.9, H = 1,000: V_H differs from V = (I − γP)⁻¹·r by γ^H·‖V‖ ≈ 10⁻⁴⁶·‖V‖, far below double precision.
        const int states = 120, actions = 3, successors = 4;
        const double gamma = 0.9;
        var (squared, _) = Squared(Uniform(states, gamma, 1000, "squaring", tasks: 5, seed: 9));
        var (p, r) = IndependentMdp.Draw(states, actions, successors, 9).UniformPolicy();
        var system = new double[states, states];
        for (var i = 0; i < states; i++)
        {
            for (var j = 0; j < states; j++)
            {
                system[i, j] = (i == j ? 1.0 : 0.0) - (gamma * p[i, j]);
            }
        }

        AssertClose(Solve(system, r), squared, 1e-9);
    }

    [Theory]
    // Figure 4.1 of Sutton & Barto, the values after k sweeps as printed (one decimal), row by row.
    [InlineData(1, new[] { 0.0, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 0 })]
    [InlineData(2, new[] { 0.0, -1.7, -2.0, -2.0, -1.7, -2.0, -2.0, -2.0, -2.0, -2.0, -2.0, -1.7, -2.0, -2.0, -1.7, 0.0 })]
    [InlineData(3, new[] { 0.0, -2.4, -2.9, -3.0, -2.4, -2.9, -3.0, -2.9, -2.9, -3.0, -2.9, -2.4, -3.0, -2.9, -2.4, 0.0 })]
    [InlineData(10, new[] { 0.0, -6.1, -8.4, -9.0, -6.1, -7.7, -8.4, -8.4, -8.4, -8.4, -7.7, -6.1, -9.0, -8.4, -6.1, 0.0 })]
    public void SquaringReproducesSuttonsGridworldAfterKSweeps(int sweeps, double[] published)
    {
        var parameters = new Dictionary<string, string> { ["method"] = "squaring", ["horizon"] = sweeps.ToString(CultureInfo.InvariantCulture) };
        var (values, _) = Squared(parameters);
        for (var s = 0; s < 16; s++)
        {
            Assert.True(Math.Abs(values[s] - published[s]) <= 0.05 + 1e-12, $"state {s}: {values[s]} against the published {published[s]}");
        }

        parameters["method"] = "sweeps";
        AssertClose(Swept(parameters), values, 1e-12);
    }

    [Fact]
    public void SquaringReachesSuttonsConvergedValues()
    {
        // Figure 4.1, k = ∞; 1,000 = 0b1111101000: 9 squarings, 6 applications.
        double[] published = [0, -14, -20, -22, -14, -18, -20, -20, -20, -20, -18, -14, -22, -20, -14, 0];
        var (values, run) = Squared(new Dictionary<string, string> { ["method"] = "squaring" });
        Assert.Equal(published, values.Select(v => Math.Round(v, 6)));
        Assert.Equal(10, run.StagesRun);
        Assert.Equal(9, run.Result["squarings"]!.GetValue<int>());
        Assert.Equal(1000, run.Result["iterations"]!.GetValue<int>());
    }

    [Fact]
    public void SquaringIsBitIdenticalAcrossSplitsAndParallelism()
    {
        var reference = LocalPlanRunner.Run(new MdpWorkload().Plan(Uniform(97, 0.99, 777, "squaring", tasks: 1)), 1);
        var raw = Squared(Uniform(97, 0.99, 777, "squaring", tasks: 1)).Values;
        foreach (var tasks in new[] { 2, 3, 7, 16, 32 })
        {
            foreach (var parallelism in new[] { 1, 4 })
            {
                var (values, run) = Squared(Uniform(97, 0.99, 777, "squaring", tasks: tasks), parallelism);
                Assert.Equal(raw, values);
                Assert.Equal(reference.Result.ToJsonString(), run.Result.ToJsonString());
            }
        }
    }

    [Fact]
    public void SquaringWorkAndSpanCountMultiplyAdds()
    {
        // H = 5 = 0b101: stage 0 squares and applies, stage 1 squares, stage 2 (the last) applies.
        const long n = 100;
        var plan = new MdpWorkload().Plan(Uniform((int)n, 0.9, 5, "squaring", tasks: 3));
        Assert.Equal(["square", "square", "apply"], plan.Stages.Select(s => s.Name));
        long[] perRow = [(n * n) + n + n, (n * n) + n, n];
        Assert.Equal(perRow.Sum() * n, plan.Work);
        Assert.Equal(perRow.Sum() * 34, plan.Span);
        Assert.Equal(plan.Work, Enumerable.Range(0, 3).Sum(stage => Enumerable.Range(0, 3).Sum(task => plan.TaskUnits(stage, task))));
        var run = LocalPlanRunner.Run(plan, 2);
        Assert.Equal((plan.Work, plan.Span), (run.WorkUnits, run.SpanUnits));
    }

    [Theory]
    [InlineData("method", "optimal", 100, 4)]
    [InlineData("states", "uniform", MdpWorkload.MaxDenseStates + 1, 4)]
    [InlineData("tasks", "uniform", 100, MdpWorkload.MaxSquaringTasks + 1)]
    public void SquaringIsRefusedNamingWhatRulesItOut(string named, string policy, int states, int tasks)
    {
        var parameters = Uniform(states, 0.9, 100, "squaring", tasks: tasks);
        parameters["policy"] = policy;
        var error = Assert.Throws<InvalidParameterException>(() => new MdpWorkload().Plan(parameters));
        Assert.Equal(named, error.Parameter);
        Assert.Contains("squaring", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheDefaultsAcceptSquaringForTheGridworldAndAUniformPolicy()
    {
        Assert.IsType<MdpSquaringPlan>(new MdpWorkload().Plan(new Dictionary<string, string> { ["method"] = "squaring" }));
        Assert.IsType<MdpSquaringPlan>(new MdpWorkload().Plan(new Dictionary<string, string>
        {
            ["preset"] = "random",
            ["states"] = "2048",
            ["policy"] = "uniform",
            ["method"] = "squaring",
        }));
    }

    /// <summary>Gaussian elimination with partial pivoting: x with system·x = rhs.</summary>
    private static double[] Solve(double[,] system, double[] rhs)
    {
        var n = rhs.Length;
        var m = (double[,])system.Clone();
        var x = (double[])rhs.Clone();
        for (var col = 0; col < n; col++)
        {
            var pivot = col;
            for (var row = col + 1; row < n; row++)
            {
                if (Math.Abs(m[row, col]) > Math.Abs(m[pivot, col]))
                {
                    pivot = row;
                }
            }

            for (var k = 0; k < n; k++)
            {
                (m[col, k], m[pivot, k]) = (m[pivot, k], m[col, k]);
            }

            (x[col], x[pivot]) = (x[pivot], x[col]);
            for (var row = col + 1; row < n; row++)
            {
                var factor = m[row, col] / m[col, col];
                for (var k = col; k < n; k++)
                {
                    m[row, k] -= factor * m[col, k];
                }

                x[row] -= factor * x[col];
            }
        }

        for (var row = n - 1; row >= 0; row--)
        {
            var sum = x[row];
            for (var k = row + 1; k < n; k++)
            {
                sum -= m[row, k] * x[k];
            }

            x[row] = sum / m[row, row];
        }

        return x;
    }
}
