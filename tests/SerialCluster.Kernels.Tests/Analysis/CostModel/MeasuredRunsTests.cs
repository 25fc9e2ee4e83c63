using SerialCluster.Kernels.Analysis.CostModel;

namespace SerialCluster.Kernels.Tests.Analysis.CostModel;

public sealed class MeasuredRunsTests
{
    private const string Sig = "amdahl(serialFraction=0.5,tasks=16,work=1000000)@P=2";

    [Fact]
    public void KeepsTheLastRunsOfEachPlanAndTheirMedianRatio()
    {
        var runs = new MeasuredRuns(runsPerPlan: 5);
        // Six pinned runs predicted at 0.1 s: the first (a 1.0 s stray) falls out of the window of five.
        foreach (var measured in new[] { 1.0, 0.08, 0.09, 0.07, 0.12, 0.085 })
        {
            runs.Observe(new PlanRun(Sig, "pinned", 0.1, measured));
        }

        runs.Observe(new PlanRun(Sig, "scatter", 0.2, 0.1));
        var plans = runs.Snapshot().For(Sig);
        Assert.Equal(5, plans["pinned"].Runs);
        Assert.Equal(0.85, plans["pinned"].Ratio, 1e-12);
        Assert.Equal(0.085, plans["pinned"].MeasuredSeconds, 1e-12);
        Assert.Equal(1, plans["scatter"].Runs);
        Assert.Equal(0.5, plans["scatter"].Ratio, 1e-12);
        Assert.Empty(runs.Snapshot().For("another(x=1)@P=2"));

        // The spread: 1.4826 × the median |ln measured − ln median measured| of the five kept (0.08, 0.09, 0.07,
        // 0.12, 0.085): deviations 0.0606, 0.0572, 0.1942, 0.3448, 0, whose median is |ln 0.08 − ln 0.085|.
        Assert.Equal(1.4826 * Math.Log(0.85 / 0.8), plans["pinned"].Spread, 1e-12);
        Assert.Equal(1.2533 * plans["pinned"].Spread / Math.Sqrt(5), plans["pinned"].LogStandardError, 1e-12);
        Assert.Equal(0, plans["scatter"].Spread);
    }

    [Fact]
    public void TheLeastRecentlyRunSignatureIsDroppedFirst()
    {
        var runs = new MeasuredRuns(signatures: 3);
        runs.Observe(new PlanRun("a", "pinned", 1, 1));
        runs.Observe(new PlanRun("b", "pinned", 1, 1));
        runs.Observe(new PlanRun("c", "pinned", 1, 1));
        runs.Observe(new PlanRun("a", "scatter", 1, 1)); // a is the most recent again
        runs.Observe(new PlanRun("d", "pinned", 1, 1)); // drops b, the least recently run

        var kept = runs.Snapshot().BySignature.Keys.Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["a", "c", "d"], kept);
        Assert.Equal(2, runs.Snapshot().For("a").Count);
    }

    [Fact]
    public void RunsWithoutAPositiveFinitePredictionOrMeasurementAreIgnored()
    {
        var runs = new MeasuredRuns();
        runs.Observe(new PlanRun(Sig, "pinned", 0, 1));
        runs.Observe(new PlanRun(Sig, "pinned", 1, double.NaN));
        runs.Observe(new PlanRun(Sig, "pinned", double.PositiveInfinity, 1));
        runs.Observe(new PlanRun(Sig, "pinned", 1, -1));
        runs.Observe(new PlanRun("", "pinned", 1, 1));
        Assert.Empty(runs.Snapshot().BySignature);
        Assert.Equal(0, runs.Snapshot().ErrorSamples);
    }

    [Fact]
    public void TheMarginIsTheModelsRecentMedianErrorOnceItRestsOnFiveRuns()
    {
        var runs = new MeasuredRuns();
        // Errors 10%, 20%, 30%, 40%: too few, the default margin.
        foreach (var measured in new[] { 1.0 / 1.1, 1.0 / 1.2, 1.0 / 1.3, 1.0 / 1.4 })
        {
            runs.Observe(new PlanRun(Sig, "pinned", 1, measured));
        }

        Assert.Equal(Corrections.DefaultMargin, runs.Snapshot().Margin);
        runs.Observe(new PlanRun("other", "scatter", 1, 1 / 1.25)); // a fifth, under another signature: the error is the workload's
        var snapshot = runs.Snapshot();
        Assert.Equal(5, snapshot.ErrorSamples);
        Assert.Equal(0.25, snapshot.Margin, 1e-9);
        // Clamped to [5%, 50%].
        Assert.Equal(Corrections.MinimumMargin, Corrections.MarginFor(0.001, 10));
        Assert.Equal(Corrections.MaximumMargin, Corrections.MarginFor(3, 10));
        Assert.Equal(Corrections.DefaultMargin, Corrections.MarginFor(null, 10));
    }

    [Fact]
    public void TheSameRunsGiveTheSameSnapshot()
    {
        static Corrections Feed()
        {
            var runs = new MeasuredRuns(signatures: 4, runsPerPlan: 3);
            for (var i = 0; i < 40; i++)
            {
                runs.Observe(
                    new PlanRun($"s{i % 6}", i % 3 == 0 ? "pinned" : $"scatter-batched(strips={i % 4})", 0.1 + (i * 0.01), 0.1 + ((i * 7 % 11) * 0.01)));
            }

            return runs.Snapshot();
        }

        var (a, b) = (Feed(), Feed());
        Assert.Equal(a.ModelError, b.ModelError);
        Assert.Equal(a.BySignature.Keys.Order(StringComparer.Ordinal), b.BySignature.Keys.Order(StringComparer.Ordinal));
        foreach (var (signature, plans) in a.BySignature)
        {
            Assert.Equal(plans.OrderBy(p => p.Key, StringComparer.Ordinal), b.For(signature).OrderBy(p => p.Key, StringComparer.Ordinal));
        }
    }

    [Fact]
    public void TheHistoryReportsItsRuns()
    {
        var history = new CostHistory();
        history.Observe(new CostSample(true, null, null, 0.01, null, null, null, Run: new PlanRun(Sig, "pinned", 0.1, 0.12)));
        var measured = history.Estimate().Measured!.For(Sig);
        Assert.Equal(1, measured["pinned"].Runs);
        Assert.Equal(1.2, measured["pinned"].Ratio, 1e-12);
    }

    [Fact]
    public void SignaturesNameEveryCanonicalParameterAndTheParallelism()
    {
        var plan = Synthetic.Plan("montecarlo", ("samples", "1000000"), ("tasks", "16"));
        var at2 = PlanRuns.Signature("montecarlo", plan.Parameters.Canonical, 2);
        Assert.StartsWith("montecarlo(", at2, StringComparison.Ordinal);
        Assert.Contains("samples=1000000", at2, StringComparison.Ordinal);
        Assert.Contains("seed=", at2, StringComparison.Ordinal); // a default filled in
        Assert.EndsWith("@P=2", at2, StringComparison.Ordinal);
        Assert.NotEqual(at2, PlanRuns.Signature("montecarlo", plan.Parameters.Canonical, 3));
        // Run keys: the mode and its changes, in name order whatever order they came in.
        var changes = new Dictionary<string, string> { ["strips"] = "2", ["halo"] = "16384" };
        Assert.Equal("scatter-batched(halo=16384,strips=2)", PlanRuns.Key(ModePrediction.ScatterBatched, changes));
        Assert.Equal("pinned", PlanRuns.Key(ModePrediction.Pinned, ModePrediction.NoChanges));
    }
}
