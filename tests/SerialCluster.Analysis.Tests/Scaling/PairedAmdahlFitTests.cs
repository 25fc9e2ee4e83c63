using SerialCluster.Analysis.Scaling;

namespace SerialCluster.Analysis.Tests.Scaling;

public sealed class PairedAmdahlFitTests
{
    private const double F = 0.25;

    /// <summary>
    /// Three rounds of exact data on a machine whose speed and two-core capacity drift between rounds, a slow round
    /// delivering less of its second core (as a loaded machine does): speed s_r scales every time of round r.
    /// </summary>
    private static readonly (double Speed, double Capacity)[] Drift = [(1.3, 1.2), (1.0, 1.9), (1.1, 1.5)];

    [Fact]
    public void ExactDataWithPerRoundDriftingCapacityGivesFWithinOneHundredthWhereTheMedianFitMissesIt()
    {
        var (runs, controls) = Rounds(Drift);

        var analysis = ScalingAnalysis.Analyze(runs, cores: 2, workSpan: null, controls);

        var paired = analysis.AmdahlPaired!;
        Assert.InRange(paired.SerialFraction.Value, F - 0.01, F + 0.01);
        Assert.Equal(F, paired.SerialFraction.Value, 9);
        Assert.Equal(0, paired.SerialFraction.StandardError, 9);
        Assert.Equal(3, paired.Points);
        Assert.Equal(3, paired.Rounds);
        // The median-based fit sets round 1's slow times against the median capacity 1.5, and misses.
        var median = analysis.AmdahlOnMeasuredCores!.SerialFraction.Value;
        Assert.True(Math.Abs(median - F) > 0.01, $"the median-based fit gave f = {median}");
        Assert.Equal(CapacityAmdahlFit.Speedup(F, 1.5), paired.Speedup(2), 9);
        Assert.True(double.IsNaN(paired.Speedup(4)));
    }

    [Fact]
    public void NoisyRoundsGiveAStandardErrorThatCoversTheTruth()
    {
        var (runs, controls) = Rounds(Drift);
        // ±2% on each job time at P = 2.
        double[] noise = [1.02, 0.98, 1.01];
        var noisy = runs.Select(r => r.P == 2 ? r with { Seconds = r.Seconds * noise[r.Repeat - 1] } : r).ToList();

        var paired = PairedAmdahlFit.Fit(noisy, controls, CoreCapacity.From(controls))!;

        Assert.True(paired.SerialFraction.StandardError > 0);
        Assert.InRange(
            F,
            paired.SerialFraction.Value - (3 * paired.SerialFraction.StandardError),
            paired.SerialFraction.Value + (3 * paired.SerialFraction.StandardError));
        Assert.True(paired.RmseRatio > 0);
    }

    [Fact]
    public void RoundsMissingTheirLoneRunOrControlAreLeftOutAndWithoutAnyPointThereIsNoFit()
    {
        var (runs, controls) = Rounds(Drift);
        var withoutRound2Control = controls.Where(c => !(c.Repeat == 2 && c.P == 1)).ToList();
        var withoutRound3Alone = runs.Where(r => !(r.Repeat == 3 && r.P == 1)).ToList();

        var fit = PairedAmdahlFit.Fit(withoutRound3Alone, withoutRound2Control, CoreCapacity.From(withoutRound2Control))!;

        Assert.Equal(1, fit.Points);
        Assert.Equal(F, fit.SerialFraction.Value, 9);
        Assert.True(double.IsNaN(fit.SerialFraction.StandardError));
        Assert.Null(PairedAmdahlFit.Fit([new(1, 1.0, 1), new(2, 0.6, 1)], [new(1, 1, 1.0)], []));
        // Capacity exactly 1 at P = 2 separates nothing.
        Assert.Null(PairedAmdahlFit.Fit([new(1, 1.0, 1), new(2, 1.0, 1)], [new(1, 1, 1.0), new(2, 1, 2.0)], []));
    }

    private static (List<Observation> Runs, List<ControlRun> Controls) Rounds((double Speed, double Capacity)[] rounds)
    {
        var runs = new List<Observation>();
        var controls = new List<ControlRun>();
        for (var r = 0; r < rounds.Length; r++)
        {
            var (speed, capacity) = rounds[r];
            runs.Add(new Observation(1, 10 * speed, r + 1));
            runs.Add(new Observation(2, 10 * speed * (F + ((1 - F) / capacity)), r + 1));
            controls.Add(new ControlRun(1, r + 1, 0.5 * speed));
            controls.Add(new ControlRun(2, r + 1, 0.5 * speed * 2 / capacity));
        }

        return (runs, controls);
    }
}
