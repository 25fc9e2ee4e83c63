using System.Globalization;
using System.Text.Json.Nodes;
using SerialCluster.Workloads.Execution;
using SerialCluster.Workloads.Mdp;
using SerialCluster.Workloads.Parameters;
using SerialCluster.Workloads.Rollout;
using SerialCluster.Workloads.Tests.Mdp;

namespace SerialCluster.Workloads.Tests.Rollout;

/// <summary>
/// rollout against references it does not compute: the random policy's values solved again here from <see cref="IndependentMdp"/> (its own draw
/// of the MDP, its own elimination), mdp's converged value iteration, and the statistical promise that the mean of N returns lies within
/// 4 standard errors of the H-step value.
/// </summary>
public sealed class RolloutWorkloadTests
{
    private static JsonObject Run(int parallelism = 1, params (string Name, string Value)[] overrides)
    {
        var raw = new Dictionary<string, string> { ["states"] = "24", ["gamma"] = "0.9", ["trajectories"] = "20000", ["horizon"] = "60", ["tasks"] = "8" };
        foreach (var (name, value) in overrides)
        {
            raw[name] = value;
        }

        return LocalPlanRunner.Run(new RolloutWorkload().Plan(raw), parallelism).Result;
    }

    private static double Number(JsonObject result, string name) => result[name]!.GetValue<double>();

    [Theory]
    [InlineData(1, 7, 0)]
    [InlineData(2, 11, 3)]
    [InlineData(3, 5, 17)]
    [InlineData(42, 99, 1)]
    public void EstimateIsWithinFourStandardErrorsOfTheIndependentlySolvedValue(long seed, long sampleSeed, int start)
    {
        var result = Run(2, ("seed", Text(seed)), ("sampleSeed", Text(sampleSeed)), ("start", Text(start)));
        var (p, r) = IndependentMdp.Draw(24, 4, 3, (ulong)seed).UniformPolicy();
        var horizonValue = HorizonValue(p, r, 0.9, 60)[start];
        var exact = Solve(p, r, 0.9)[start];
        Assert.Equal(horizonValue, Number(result, "horizonValue"), 12);
        Assert.Equal(exact, Number(result, "exactValue"), 12);
        var standardError = Number(result, "standardError");
        Assert.InRange(standardError, 1e-4, 0.1);
        Assert.InRange(Number(result, "estimate"), horizonValue - (4 * standardError), horizonValue + (4 * standardError));
        // The exact value is reached within the sampling error plus the truncation bound.
        Assert.InRange(Math.Abs(Number(result, "estimate") - exact), 0, (4 * standardError) + Number(result, "biasBound"));
    }

    [Fact]
    public void ExactValueIsMdpsConvergedPolicyEvaluation()
    {
        var mdp = LocalPlanRunner.Run(new MdpWorkload().Plan(new Dictionary<string, string>
        {
            ["preset"] = "random",
            ["policy"] = "uniform",
            ["states"] = "24",
            ["seed"] = "5",
            ["gamma"] = "0.9",
            ["horizon"] = "5000",
            ["tolerance"] = "1e-13",
            ["tasks"] = "2",
        })).Result;
        var values = mdp["values"]!.AsArray();
        foreach (var start in new[] { 0, 9, 23 })
        {
            var result = Run(1, ("seed", "5"), ("start", Text(start)), ("trajectories", "2"), ("tasks", "1"));
            Assert.Equal(values[start]!.GetValue<double>(), Number(result, "exactValue"), 6);
        }
    }

    [Fact]
    public void ExactValueSatisfiesTheBellmanIdentity()
    {
        var model = MdpModel.Random(40, 3, 4, 8, 0.97, optimize: false);
        var v = RolloutExactValue.InfiniteHorizon(model);
        var (p, r) = IndependentMdp.Draw(40, 3, 4, 8).UniformPolicy();
        for (var s = 0; s < 40; s++)
        {
            var backup = r[s];
            for (var t = 0; t < 40; t++)
            {
                backup += 0.97 * p[s, t] * v[t];
            }

            Assert.Equal(backup, v[s], 10);
        }
    }

    [Fact]
    public void TruncationBiasFollowsGammaToTheHorizon()
    {
        var (p, r) = IndependentMdp.Draw(24, 4, 3, 42).UniformPolicy();
        var exact = Solve(p, r, 0.9);
        var boundConstants = new HashSet<double>();
        foreach (var horizon in new[] { 1, 2, 5, 10, 20, 40, 80 })
        {
            var result = Run(1, ("horizon", Text(horizon)), ("trajectories", "2"), ("tasks", "1"));
            // V_∞ − V_H = γ^H·P^H·V_∞: the bias, computed here by H products with P.
            var tail = (double[])exact.Clone();
            for (var h = 0; h < horizon; h++)
            {
                tail = Multiply(p, tail);
            }

            var bias = Math.Pow(0.9, horizon) * tail[0];
            Assert.Equal(bias, Number(result, "truncationBias"), 10);
            // The bound is γ^H·max|r(s, a)| / (1 − γ): the same constant times γ^H at every H, at least max|r_π| / (1 − γ).
            var constant = Number(result, "biasBound") / Math.Pow(0.9, horizon);
            Assert.InRange(constant, (r.Select(Math.Abs).Max() / 0.1) - 1e-9, 10.0 + 1e-9);
            boundConstants.Add(Math.Round(constant, 9));
            Assert.True(Math.Abs(bias) <= Number(result, "biasBound") * 1.0001, $"bias {bias} above the bound at H = {horizon}");
        }

        Assert.Single(boundConstants);
    }

    [Fact]
    public void ResultsDoNotDependOnTheSplitOrTheParallelism()
    {
        var reference = Run(1, ("tasks", "1")).ToJsonString();
        foreach (var (tasks, parallelism) in new[] { (3, 1), (8, 4), (64, 2), (1000, 3) })
        {
            Assert.Equal(reference, Run(parallelism, ("tasks", Text(tasks))).ToJsonString());
        }
    }

    [Fact]
    public void WorkIsStepsAndSpanIsTheLargestTasksSteps()
    {
        var plan = new RolloutWorkload().Plan(new Dictionary<string, string> { ["trajectories"] = "1003", ["horizon"] = "50", ["tasks"] = "7" });
        Assert.Equal(1003 * 50, plan.Work);
        Assert.Equal(144 * 50, plan.Span); // ⌈1003 / 7⌉ = 144 trajectories of 50 steps
        Assert.Equal(plan.Work, Enumerable.Range(0, 7).Sum(t => plan.TaskUnits(0, t)));
    }

    [Theory]
    [InlineData("start", "64", "states")]
    [InlineData("tasks", "6", "trajectories")]
    [InlineData("horizon", "100000", "horizon·states·actions·successors")]
    [InlineData("gamma", "1", "0.999")]
    [InlineData("trajectories", "1", "2")]
    public void BadInputIsRefusedNamingTheParameter(string parameter, string value, string allowedMentions)
    {
        var raw = new Dictionary<string, string> { ["trajectories"] = "5", [parameter] = value };
        if (parameter == "horizon")
        {
            (raw["states"], raw["actions"]) = ("1024", "16");
        }

        var error = Assert.Throws<InvalidParameterException>(() => new RolloutWorkload().Plan(raw));
        Assert.Equal(parameter, error.Parameter);
        Assert.Contains(allowedMentions, error.Message, StringComparison.Ordinal);
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static double[] Multiply(double[,] p, double[] v)
    {
        var n = v.Length;
        var result = new double[n];
        for (var s = 0; s < n; s++)
        {
            for (var t = 0; t < n; t++)
            {
                result[s] += p[s, t] * v[t];
            }
        }

        return result;
    }

    private static double[] HorizonValue(double[,] p, double[] r, double gamma, int horizon)
    {
        var v = new double[r.Length];
        for (var h = 0; h < horizon; h++)
        {
            v = [.. Multiply(p, v).Select((x, s) => r[s] + (gamma * x))];
        }

        return v;
    }

    /// <summary>(I − γP)·v = r by Gauss–Jordan without pivoting: I − γP is strictly diagonally dominant for γ &lt; 1.</summary>
    private static double[] Solve(double[,] p, double[] r, double gamma)
    {
        var n = r.Length;
        var a = new double[n, n];
        var b = (double[])r.Clone();
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                a[i, j] = (i == j ? 1.0 : 0.0) - (gamma * p[i, j]);
            }
        }

        for (var k = 0; k < n; k++)
        {
            for (var i = 0; i < n; i++)
            {
                if (i == k)
                {
                    continue;
                }

                var f = a[i, k] / a[k, k];
                for (var j = 0; j < n; j++)
                {
                    a[i, j] -= f * a[k, j];
                }

                b[i] -= f * b[k];
            }
        }

        return [.. b.Select((x, i) => x / a[i, i])];
    }
}
