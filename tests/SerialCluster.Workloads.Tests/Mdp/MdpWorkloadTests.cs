using System.Globalization;
using System.Text.Json.Nodes;
using SerialCluster.Workloads.Execution;
using SerialCluster.Workloads.Mdp;
using SerialCluster.Workloads.Parameters;
using SerialCluster.Workloads.Randomness;

namespace SerialCluster.Workloads.Tests.Mdp;

public sealed class MdpWorkloadTests
{
    private static JsonObject Run(Dictionary<string, string> parameters, int parallelism = 1, bool whole = false) =>
        LocalPlanRunner.Run(new MdpWorkload().Plan(parameters), parallelism, preferWholeChain: whole).Result;

    private static double[] Values(JsonObject result) =>
        [.. result["values"]!.AsArray().Select(v => v!.GetValue<double>())];

    private static Dictionary<string, string> Random(
        int states, int actions, int successors, double gamma, int horizon, double tolerance, int tasks = 4, long seed = 42) => new()
        {
            ["preset"] = "random",
            ["states"] = states.ToString(CultureInfo.InvariantCulture),
            ["actions"] = actions.ToString(CultureInfo.InvariantCulture),
            ["successors"] = successors.ToString(CultureInfo.InvariantCulture),
            ["gamma"] = gamma.ToString("R", CultureInfo.InvariantCulture),
            ["horizon"] = horizon.ToString(CultureInfo.InvariantCulture),
            ["tolerance"] = tolerance.ToString("R", CultureInfo.InvariantCulture),
            ["tasks"] = tasks.ToString(CultureInfo.InvariantCulture),
            ["seed"] = seed.ToString(CultureInfo.InvariantCulture),
        };

    [Fact]
    public void SuttonGridworldConvergesToThePublishedValues()
    {
        // Sutton & Barto, Reinforcement Learning (2nd ed.), Figure 4.1, k = ∞.
        double[] published = [0, -14, -20, -22, -14, -18, -20, -20, -20, -20, -18, -14, -22, -20, -14, 0];
        var result = Run([]);
        Assert.Equal(published, Values(result));
        Assert.True(result["converged"]!.GetValue<bool>());
        Assert.True(result["residual"]!.GetValue<double>() < 1e-10);
        // A plain Python sweep loop (same Jacobi update, same action order) first gets max |ΔV| < 1e-10 at sweep 426.
        Assert.Equal(426, result["iterations"]!.GetValue<int>());
        Assert.Null(result["policy"]);
    }

    [Theory]
    // Figure 4.1 of Sutton & Barto, the values after k sweeps as printed (one decimal), row by row.
    [InlineData(1, new[] { 0.0, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 0 })]
    [InlineData(2, new[] { 0.0, -1.7, -2.0, -2.0, -1.7, -2.0, -2.0, -2.0, -2.0, -2.0, -2.0, -1.7, -2.0, -2.0, -1.7, 0.0 })]
    [InlineData(3, new[] { 0.0, -2.4, -2.9, -3.0, -2.4, -2.9, -3.0, -2.9, -2.9, -3.0, -2.9, -2.4, -3.0, -2.9, -2.4, 0.0 })]
    [InlineData(10, new[] { 0.0, -6.1, -8.4, -9.0, -6.1, -7.7, -8.4, -8.4, -8.4, -8.4, -7.7, -6.1, -9.0, -8.4, -6.1, 0.0 })]
    public void SuttonGridworldMatchesThePublishedSweeps(int sweeps, double[] published)
    {
        var result = Run(new Dictionary<string, string> { ["horizon"] = sweeps.ToString(CultureInfo.InvariantCulture) });
        Assert.Equal(sweeps, result["iterations"]!.GetValue<int>());
        Assert.False(result["converged"]!.GetValue<bool>());
        // The figure prints one decimal (and shows −1.75 as −1.7), so each value lies within 0.05 of it.
        var values = Values(result);
        for (var s = 0; s < 16; s++)
        {
            Assert.True(Math.Abs(values[s] - published[s]) <= 0.05 + 1e-12, $"state {s}: {values[s]} against the published {published[s]}");
        }
    }

    [Fact]
    public void RandomMdpValuesSatisfyTheBellmanOptimalityEquation()
    {
        const int states = 400, actions = 3, successors = 4;
        const double gamma = 0.9;
        var result = Run(Random(states, actions, successors, gamma, horizon: 1000, tolerance: 1e-9));
        Assert.True(result["converged"]!.GetValue<bool>());
        var residual = result["residual"]!.GetValue<double>();
        Assert.True(residual < 1e-9);
        var values = Values(result);
        var policy = result["policy"]!.AsArray().Select(a => a!.GetValue<int>()).ToArray();
        var mdp = IndependentMdp.Draw(states, actions, successors, 42);

        // ‖TV − V‖ ≤ γ·residual for the unrounded values; rounding to 6 decimals adds at most (1 + γ)·5e-7.
        var slack = residual + 1.0e-6;
        for (var s = 0; s < states; s++)
        {
            var q = mdp.Q(s, values, gamma);
            var best = q.Max();
            Assert.True(Math.Abs(best - values[s]) <= slack, $"state {s}: max_a Q = {best}, V = {values[s]}");
            Assert.True(q[policy[s]] >= best - (2 * slack), $"state {s}: action {policy[s]} is not greedy");
        }
    }

    [Fact]
    public void FiniteHorizonValueIterationMatchesAnIndependentImplementation()
    {
        const int states = 60, actions = 5, successors = 3, horizon = 25;
        var result = Run(Random(states, actions, successors, 1.0, horizon, tolerance: 0, seed: 7));
        Assert.Equal(horizon, result["iterations"]!.GetValue<int>());
        var mdp = IndependentMdp.Draw(states, actions, successors, 7);
        var values = new double[states];
        var policy = new int[states];
        for (var t = 0; t < horizon; t++)
        {
            var next = new double[states];
            for (var s = 0; s < states; s++)
            {
                var q = mdp.Q(s, values, 1.0);
                policy[s] = Array.IndexOf(q, q.Max());
                next[s] = q.Max();
            }

            values = next;
        }

        var got = Values(result);
        for (var s = 0; s < states; s++)
        {
            Assert.Equal(Math.Round(values[s], 6), got[s], 9);
        }

        Assert.Equal(policy, result["policy"]!.AsArray().Select(a => a!.GetValue<int>()));
    }

    [Theory]
    [InlineData("sutton4x4")]
    [InlineData("random")]
    public void ResultsAreBitIdenticalAcrossSplitsParallelismAndWholeChain(string preset)
    {
        var parameters = preset == "random"
            ? Random(300, 4, 3, 0.8, horizon: 200, tolerance: 1e-7, tasks: 1)
            : new Dictionary<string, string> { ["horizon"] = "500", ["tasks"] = "1" };
        var reference = Run(parameters).ToJsonString();
        Assert.Contains("\"converged\":true", reference, StringComparison.Ordinal);
        foreach (var tasks in new[] { 1, 3, 7, 16 })
        {
            parameters["tasks"] = tasks.ToString(CultureInfo.InvariantCulture);
            Assert.Equal(reference, Run(parameters, parallelism: 1).ToJsonString());
            Assert.Equal(reference, Run(parameters, parallelism: 4).ToJsonString());
            Assert.Equal(reference, Run(parameters, whole: true).ToJsonString());
        }
    }

    [Fact]
    public void UnconvergedRunsAreBitIdenticalToo()
    {
        var parameters = Random(200, 3, 5, 1.0, horizon: 40, tolerance: 0, tasks: 5);
        var reference = Run(parameters, whole: true).ToJsonString();
        Assert.Equal(reference, Run(parameters, parallelism: 4).ToJsonString());
        Assert.Contains("\"iterations\":40", reference, StringComparison.Ordinal);
    }

    [Fact]
    public void SweepsAfterConvergenceChangeNothing()
    {
        var shortRun = Run(new Dictionary<string, string> { ["horizon"] = "426" }).ToJsonString();
        Assert.Equal(shortRun, Run(new Dictionary<string, string> { ["horizon"] = "2000", ["tasks"] = "5" }).ToJsonString());
        Assert.Equal(shortRun, Run(new Dictionary<string, string> { ["horizon"] = "2000" }, whole: true).ToJsonString());
    }

    [Fact]
    public void AConvergedRunStopsAtItsConvergenceSweepInEveryExecutorAndCountsTheSweepsDone()
    {
        // Sweep k's residual is below the tolerance: the plan stops after stage k − 1, i.e. it runs exactly k = iterations
        // stages (not the horizon), and its work and span are k sweeps' backups, staged or as the whole chain.
        const int states = 300, actions = 4, successors = 3, tasks = 7;
        var parameters = Random(states, actions, successors, 0.9, horizon: 1000, tolerance: 1e-9, tasks: tasks);
        var plan = new MdpWorkload().Plan(parameters);
        var runs = new[]
        {
            LocalPlanRunner.Run(plan, 1),
            LocalPlanRunner.Run(plan, 4),
            LocalPlanRunner.Run(plan, 1, preferWholeChain: true),
        };
        var iterations = runs[0].Result["iterations"]!.GetValue<int>();
        Assert.InRange(iterations, 2, 999);
        Assert.True(runs[0].Result["converged"]!.GetValue<bool>());
        foreach (var run in runs)
        {
            Assert.Equal(runs[0].Result.ToJsonString(), run.Result.ToJsonString());
            Assert.Equal(iterations, run.StagesRun);
            Assert.Equal((long)iterations * states * actions * successors, run.WorkUnits);
            Assert.Equal((long)iterations * ((states + tasks - 1) / tasks) * actions * successors, run.SpanUnits);
        }

        Assert.Equal(iterations, runs[0].StageWallSeconds.Count);
        Assert.Equal(iterations, runs[1].StageWallSeconds.Count);
        Assert.Equal(plan.UnitsDone(iterations), (runs[0].WorkUnits, runs[0].SpanUnits));
    }

    [Fact]
    public void AnUnconvergedRunDoesTheWholeHorizon()
    {
        var parameters = Random(200, 3, 5, 1.0, horizon: 40, tolerance: 0, tasks: 5);
        var plan = new MdpWorkload().Plan(parameters);
        foreach (var run in new[] { LocalPlanRunner.Run(plan, 2), LocalPlanRunner.Run(plan, 1, preferWholeChain: true) })
        {
            Assert.Equal(40, run.StagesRun);
            Assert.Equal(plan.Work, run.WorkUnits);
            Assert.Equal(plan.Span, run.SpanUnits);
        }
    }

    [Fact]
    public void TheWholeChainEndsAtTheConvergenceSweep()
    {
        var plan = new MdpWorkload().Plan(new Dictionary<string, string> { ["horizon"] = "2000" });
        var chain = plan.CreateWholeChain()!;
        chain.Advance(426);
        Assert.Equal(2000, chain.StepsDone); // sweep 426 converged: the 1,574 sweeps left are skipped, not run
        Assert.Equal(426, plan.WholeChainStages(chain.Output()));
        var shorter = plan.CreateWholeChain()!;
        shorter.Advance(425);
        Assert.Equal(425, shorter.StepsDone);
    }

    [Fact]
    public void WorkAndSpanCountBackups()
    {
        var plan = new MdpWorkload().Plan(Random(1000, 4, 3, 0.9, horizon: 10, tolerance: 0, tasks: 3));
        Assert.Equal(10, plan.Stages.Count);
        Assert.Equal(10L * 1000 * 4 * 3, plan.Work);
        Assert.Equal(10L * 334 * 4 * 3, plan.Span);
        Assert.Equal(10L * 1000 * 4 * 3, Enumerable.Range(0, 10).Sum(stage => Enumerable.Range(0, 3).Sum(task => plan.TaskUnits(stage, task))));
        var sutton = new MdpWorkload().Plan(new Dictionary<string, string> { ["horizon"] = "100" });
        Assert.Equal(100L * 16 * 4, sutton.Work);
    }

    [Theory]
    [InlineData("tasks", "17", null)]
    [InlineData("states", "100000", "random")]
    [InlineData("gamma", "1.5", null)]
    [InlineData("preset", "cliff", null)]
    [InlineData("horizon", "0", null)]
    public void BadParametersAreRefused(string name, string value, string? preset)
    {
        var parameters = new Dictionary<string, string> { [name] = value };
        if (preset is not null)
        {
            parameters["preset"] = preset;
            parameters["successors"] = "16";
        }

        var error = Assert.Throws<InvalidParameterException>(() => new MdpWorkload().Plan(parameters));
        Assert.Equal(name, error.Parameter);
    }

    [Fact]
    public void ExampleRuns()
    {
        var workload = new MdpWorkload();
        var result = LocalPlanRunner.Run(workload.Plan(workload.Example), 2).Result;
        Assert.Equal(2000, result["values"]!.AsArray().Count);
        Assert.True(result["converged"]!.GetValue<bool>());
    }
}
