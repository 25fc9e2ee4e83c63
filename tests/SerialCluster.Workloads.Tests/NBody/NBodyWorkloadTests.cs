using System.Globalization;
using System.Text.Json.Nodes;
using SerialCluster.Workloads.Execution;
using SerialCluster.Workloads.NBody;
using SerialCluster.Workloads.Parameters;

namespace SerialCluster.Workloads.Tests.NBody;

public sealed class NBodyWorkloadTests
{
    private const double FigureEightPeriod = 6.32591398;

    // Chenciner & Montgomery (2000), Simó's values: the figure-eight's initial state, body by body.
    private static readonly double[][] FigureEightPositions =
    [
        [0.97000436, -0.24308753, 0.0], [-0.97000436, 0.24308753, 0.0], [0.0, 0.0, 0.0],
    ];

    private static readonly double[][] FigureEightVelocities =
    [
        [0.466203685, 0.43236573, 0.0], [0.466203685, 0.43236573, 0.0], [-0.93240737, -0.86473146, 0.0],
    ];

    [Fact]
    public void FigureEightReturnsToItsInitialStateAfterOnePeriod()
    {
        // yoshida4 with dt = T/1200. An independent Python integration of the same scheme gives a return error of
        // 1.6e-5 (N = 300), 9.8e-7 (N = 600), 3.4e-8 (N = 1200): the dt⁴ law down to the ~1e-8 floor set by the
        // 8-digit initial values and period. 1e-6 leaves a wide margin and still fails on any real defect.
        var result = Run(FigureEight("yoshida4", FigureEightPeriod / 1200, 1200), whole: true);
        AssertClose(FigureEightPositions, Vectors(result, "positions"), 1e-6);
        AssertClose(FigureEightVelocities, Vectors(result, "velocities"), 1e-6);

        // And it did go somewhere: half a period away, body 0 is far from where it started.
        var half = Vectors(Run(FigureEight("yoshida4", FigureEightPeriod / 1200, 600), whole: true), "positions");
        Assert.True(Math.Abs(half[0][0] - FigureEightPositions[0][0]) > 1.0);
    }

    [Fact]
    public void FigureEightBodiesTradePlacesAfterAThirdOfThePeriod()
    {
        // After T/3 body i is where body i − 1 (mod 3) started: 0 at the origin (body 2's start), 1 at body 0's, 2 at
        // body 1's, with their velocities too (checked with the Python integration).
        var result = Run(FigureEight("yoshida4", FigureEightPeriod / 1200, 400), whole: true);
        var positions = Vectors(result, "positions");
        var velocities = Vectors(result, "velocities");
        for (var i = 0; i < 3; i++)
        {
            AssertClose([FigureEightPositions[(i + 2) % 3]], [positions[i]], 1e-6);
            AssertClose([FigureEightVelocities[(i + 2) % 3]], [velocities[i]], 1e-6);
        }
    }

    [Fact]
    public void KeplerOrbitReachesApocentreAtHalfItsPeriodAndReturnsAfterIt()
    {
        // Analytic period 2π·sqrt(a³/(G·M)), a = 1, M = 1.001. Python, same scheme: return error 3.3e-8 at N = 2000.
        var period = 2.0 * Math.PI * Math.Sqrt(1.0 / 1.001);
        var dt = period / 2000;
        var pericentreSpeed = Math.Sqrt(1.001 * 1.5 / 0.5);
        var startPositions = new double[][] { [-0.001 / 1.001 * 0.5, 0, 0], [1.0 / 1.001 * 0.5, 0, 0] };
        var startVelocities = new double[][] { [0, -0.001 / 1.001 * pericentreSpeed, 0], [0, 1.0 / 1.001 * pericentreSpeed, 0] };
        var full = Run(Kepler("yoshida4", dt, 2000), whole: true);
        AssertClose(startPositions, Vectors(full, "positions"), 1e-6);
        AssertClose(startVelocities, Vectors(full, "velocities"), 1e-6);

        // At T/2 the separation is the apocentre distance a(1 + e) = 1.5, on the −x side.
        var half = Vectors(Run(Kepler("yoshida4", dt, 1000), whole: true), "positions");
        AssertClose([[-1.5, 0, 0]], [[half[1][0] - half[0][0], half[1][1] - half[0][1], half[1][2] - half[0][2]]], 1e-6);

        // Verlet at the same dt returns too, with its larger dt² phase error (Python: 4.4e-4).
        AssertClose(startPositions, Vectors(Run(Kepler("verlet", dt, 2000), whole: true), "positions"), 2e-3);
    }

    [Fact]
    public void EnergyErrorShrinksAsDtSquaredForVerletAndDtToTheFourthForYoshida()
    {
        // Figure-eight to t = 2 (not a multiple of T/3, where the error would nearly vanish by symmetry).
        // Python, same scheme: verlet 3.66e-6 at dt = 0.01 and 9.18e-7 at 0.005 (ratio 3.99);
        // yoshida4 1.31e-9 and 8.22e-11 (ratio 15.98).
        var verlet = EnergyError(FigureEight("verlet", 0.01, 200));
        var verletHalf = EnergyError(FigureEight("verlet", 0.005, 400));
        var yoshida = EnergyError(FigureEight("yoshida4", 0.01, 200));
        var yoshidaHalf = EnergyError(FigureEight("yoshida4", 0.005, 400));
        Assert.InRange(verlet, 1e-6, 1e-5);
        Assert.InRange(yoshida, 1e-10, 5e-9);
        Assert.InRange(verlet / verletHalf, 3.8, 4.2);
        Assert.InRange(yoshida / yoshidaHalf, 15.0, 17.0);
        Assert.True(yoshida < 1e-3 * verlet, $"yoshida4 {yoshida} against verlet {verlet}");
    }

    [Fact]
    public void RandomPresetMatchesAnIndependentImplementation()
    {
        // /tmp Python: SplitMix64 from the design notes, rejection into the unit ball (position, then velocity, body
        // by body), masses 1/n, the same kick-drift-kick composition with plain double loops over j ≠ i.
        // Sums run in a different order, so agreement is to rounding, not to the bit.
        var result = Run(Parameters(("preset", "random"), ("n", "5"), ("seed", "7"), ("integrator", "yoshida4"),
            ("dt", "0.01"), ("steps", "10"), ("softening", "0.1"), ("tasks", "2")));
        double[][] positions =
        [
            [0.15834261442927447, -0.12797186800056976, -0.5722907914946587],
            [0.1201891212977384, 0.808087303763089, -0.311428664813185],
            [-0.80255490980437, -0.22873771030428572, -0.1684042696125133],
            [-0.47024606594329454, 0.12035882159262198, 0.27660394039218017],
            [0.7034100757182465, 0.23203368794617094, 0.3394158990208238],
        ];
        double[][] velocities =
        [
            [-0.08553984060429189, -0.31415730365738126, -0.6919581829567699],
            [0.23380625177308534, 0.4635395626306568, 0.3671009216824809],
            [-0.13300936312910422, 0.8426452967769136, -0.14807120405547178],
            [-0.34840669236088456, 0.045806007633494995, 0.6050195491370608],
            [0.10753349164013735, -0.5561468688338219, -0.0313277075251875],
        ];
        AssertClose(positions, Vectors(result, "positions"), 1e-12);
        AssertClose(velocities, Vectors(result, "velocities"), 1e-12);
        Assert.Equal(-0.11782439987624233, result["energyInitial"]!.GetValue<double>(), 1e-14);
        Assert.Equal(-0.11782439996546562, result["energyFinal"]!.GetValue<double>(), 1e-14);
        AssertClose([[-0.045123230536211575, 0.09633733890997234, 0.020152675256422357]], [Vector(result["momentum"]!)], 1e-14);

        var verlet = Run(Parameters(("preset", "random"), ("n", "5"), ("seed", "7"), ("integrator", "verlet"),
            ("dt", "0.01"), ("steps", "10"), ("softening", "0.1")));
        AssertClose([[0.7034097025562192, 0.23203299277793243, 0.33941534028192993]], [Vectors(verlet, "positions")[4]], 1e-12);
        Assert.Equal(-0.11782511463078937, verlet["energyFinal"]!.GetValue<double>(), 1e-14);
    }

    [Fact]
    public void TotalMomentumIsConservedToRounding()
    {
        var initial = NBodyPresets.Random(48, 3);
        double[] before =
        [
            NBodyKernel.Momentum(initial.Mass, initial.Vx), NBodyKernel.Momentum(initial.Mass, initial.Vy), NBodyKernel.Momentum(initial.Mass, initial.Vz),
        ];
        var result = Run(Parameters(("preset", "random"), ("n", "48"), ("seed", "3"), ("dt", "0.01"), ("steps", "50"), ("softening", "0.05")));
        var after = Vector(result["momentum"]!);
        Assert.True(Math.Abs(before[0]) + Math.Abs(before[1]) + Math.Abs(before[2]) > 0.01);
        AssertClose([before], [after], 1e-13);

        // The bodies did move: the cluster is not frozen.
        Assert.True(result["relativeEnergyError"]!.GetValue<double>() > 0);
    }

    [Theory]
    [InlineData("verlet")]
    [InlineData("yoshida4")]
    public void ResultsAreBitIdenticalAcrossSplitsParallelismAndTheWholeChain(string integrator)
    {
        // 37 bodies: not a multiple of the 4 lanes, so the padding is exercised. JSON writes doubles round-trip
        // exactly, so equal text means equal bits.
        string Text(int tasks, int parallelism, bool whole) => Run(
            Parameters(("preset", "random"), ("n", "37"), ("seed", "11"), ("integrator", integrator), ("dt", "0.005"),
                ("steps", "6"), ("softening", "0.02"), ("tasks", tasks.ToString(CultureInfo.InvariantCulture))),
            parallelism,
            whole).ToJsonString();

        var reference = Text(1, 1, whole: false);
        Assert.Equal(reference, Text(1, 1, whole: true));
        foreach (var tasks in new[] { 2, 3, 8, 37, 4096 })
        {
            Assert.Equal(reference, Text(tasks, 1, whole: false));
            Assert.Equal(reference, Text(tasks, 4, whole: false));
        }

        var figure = FigureEight(integrator, 0.01, 25);
        var chain = Run(figure, 1, whole: true).ToJsonString();
        Assert.Equal(chain, Run(figure, 3).ToJsonString());
        figure["tasks"] = "1";
        Assert.Equal(chain, Run(figure, 1).ToJsonString());
    }

    [Fact]
    public void WholeChainAdvancedInUnevenBatchesEqualsTheStagedPlan()
    {
        var plan = new NBodyWorkload().Plan(FigureEight("yoshida4", 0.01, 100));
        var chain = plan.CreateWholeChain()!;
        foreach (var batch in new long[] { 1, 2, 3, 50, 1000 })
        {
            chain.Advance(batch);
        }

        Assert.Equal(100, chain.StepsDone);
        Assert.Equal(
            LocalPlanRunner.Run(plan, 2).Result.ToJsonString(),
            plan.FinishWholeChain(chain.Output()).ToJsonString());
    }

    [Fact]
    public void WorkAndSpanCountPairInteractionsPerForceEvaluation()
    {
        // n = 10, 4 blocks (2, 3, 2, 3 bodies), yoshida4: 1 + 3·5 = 16 evaluations of 10·9 pairs.
        var plan = new NBodyWorkload().Plan(new Dictionary<string, string>
        {
            ["preset"] = "random",
            ["n"] = "10",
            ["tasks"] = "4",
            ["steps"] = "5",
            ["integrator"] = "yoshida4",
        });
        Assert.Equal(16, plan.Stages.Count);
        Assert.Equal(16 * 90, plan.Work);
        Assert.Equal(16 * 3 * 9, plan.Span);
        Assert.Equal(90, Enumerable.Range(0, 4).Sum(t => plan.TaskUnits(5, t)));
        Assert.Equal(1 + 7, new NBodyWorkload().Plan(FigureEight("verlet", 0.01, 7)).Stages.Count);
    }

    [Fact]
    public void MoreTasksThanBodiesAreClampedToOneBodyEach()
    {
        var plan = new NBodyWorkload().Plan(new Dictionary<string, string> { ["tasks"] = "8" });
        Assert.Equal(3, plan.Stages[0].TaskCount);
    }

    [Fact]
    public void ExampleRunsIdenticallyStagedAndAsOneChain()
    {
        var workload = new NBodyWorkload();
        var plan = workload.Plan(workload.Example);
        var staged = LocalPlanRunner.Run(plan, 4).Result;
        Assert.Equal(staged.ToJsonString(), LocalPlanRunner.Run(plan, 1, preferWholeChain: true).Result.ToJsonString());
        Assert.Equal(256, staged["positions"]!.AsArray().Count);
        Assert.True(staged["relativeEnergyError"]!.GetValue<double>() < 1e-6);
    }

    [Theory]
    [InlineData("dt", "0")]
    [InlineData("dt", "abc")]
    [InlineData("steps", "0")]
    [InlineData("integrator", "rk4")]
    [InlineData("preset", "plummer")]
    [InlineData("n", "1")]
    [InlineData("n", "100000")]
    [InlineData("eccentricity", "1")]
    [InlineData("softening", "-0.1")]
    [InlineData("tasks", "0")]
    public void BadParametersAreRefusedByName(string name, string value)
    {
        var error = Assert.Throws<InvalidParameterException>(() =>
            new NBodyWorkload().Plan(new Dictionary<string, string> { [name] = value }));
        Assert.Equal(name, error.Parameter);
    }

    [Fact]
    public void TooMuchTotalWorkIsRefusedOnSteps()
    {
        var error = Assert.Throws<InvalidParameterException>(() => new NBodyWorkload().Plan(new Dictionary<string, string>
        {
            ["preset"] = "random",
            ["n"] = "16384",
            ["steps"] = "10000",
        }));
        Assert.Equal("steps", error.Parameter);
        Assert.Contains("at most 1241", error.Message, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> FigureEight(string integrator, double dt, long steps) => Parameters(
        ("preset", "figure8"), ("integrator", integrator), ("dt", dt.ToString("R", CultureInfo.InvariantCulture)),
        ("steps", steps.ToString(CultureInfo.InvariantCulture)));

    private static Dictionary<string, string> Kepler(string integrator, double dt, long steps) => Parameters(
        ("preset", "kepler"), ("eccentricity", "0.5"), ("integrator", integrator), ("dt", dt.ToString("R", CultureInfo.InvariantCulture)),
        ("steps", steps.ToString(CultureInfo.InvariantCulture)));

    private static Dictionary<string, string> Parameters(params (string Name, string Value)[] pairs) =>
        pairs.ToDictionary(p => p.Name, p => p.Value);

    private static JsonObject Run(Dictionary<string, string> parameters, int parallelism = 1, bool whole = false) =>
        LocalPlanRunner.Run(new NBodyWorkload().Plan(parameters), parallelism, preferWholeChain: whole).Result;

    private static double EnergyError(Dictionary<string, string> parameters) =>
        Run(parameters, whole: true)["relativeEnergyError"]!.GetValue<double>();

    private static double[][] Vectors(JsonObject result, string name) =>
        result[name]!.AsArray().Select(v => Vector(v!)).ToArray();

    private static double[] Vector(JsonNode node) => node.AsArray().Select(c => c!.GetValue<double>()).ToArray();

    private static void AssertClose(double[][] expected, double[][] actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            for (var c = 0; c < 3; c++)
            {
                Assert.True(
                    Math.Abs(expected[i][c] - actual[i][c]) <= tolerance,
                    $"body {i} component {c}: expected {expected[i][c]:R}, got {actual[i][c]:R} (tolerance {tolerance})");
            }
        }
    }
}
