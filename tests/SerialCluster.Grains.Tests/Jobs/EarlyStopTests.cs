using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using SerialCluster.Abstractions.GrainInterfaces;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Grains.Hosting;
using SerialCluster.Grains.Jobs;
using SerialCluster.Workloads.Execution;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Grains.Tests.Jobs;

/// <summary>
/// A plan that stops early (<see cref="WorkloadPlan.IsComplete"/>): mdp value iteration that converges before its
/// horizon. Every mode stops at the convergence sweep, and the profile counts the sweeps done, not the cap.
/// </summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Cluster")]
public sealed class EarlyStopTests(ClusterFixture fixture)
{
    private const int States = 2000, Actions = 4, Successors = 3, Tasks = 4;

    private static readonly Dictionary<string, string> Converging = new()
    {
        ["preset"] = "random",
        ["states"] = "2000",
        ["actions"] = "4",
        ["successors"] = "3",
        ["gamma"] = "0.9",
        ["horizon"] = "1000",
        ["tolerance"] = "1e-10",
        ["tasks"] = "4",
    };

    private static int Iterations(JobStatus status) => JsonNode.Parse(status.ResultJson!)!["iterations"]!.GetValue<int>();

    [Fact]
    public async Task ScatteredAndPinnedMdpStopAtTheSameSweepAndCountTheSweepsDone()
    {
        var pinned = await JobDriver.RunCompletedAsync(fixture.Client, "mdp", Converging, JobMode.Pinned, 0);
        var scattered = await JobDriver.RunCompletedAsync(fixture.Client, "mdp", Converging, JobMode.Scatter, 3);
        Assert.Equal(pinned.ResultJson, scattered.ResultJson);
        var iterations = Iterations(pinned);
        Assert.InRange(iterations, 2, 999);
        Assert.True(JsonNode.Parse(pinned.ResultJson!)!["converged"]!.GetValue<bool>());

        // The scattered job ran exactly `iterations` stages (sweep k converged: the plan stops after stage k − 1), not 1,000.
        Assert.Equal(iterations, scattered.Profile!.Stages);
        Assert.Equal(iterations * Tasks, scattered.Profile.Tasks);
        var work = (long)iterations * States * Actions * Successors;
        var span = (long)iterations * (States / Tasks) * Actions * Successors;
        foreach (var status in new[] { pinned, scattered })
        {
            Assert.Equal(work, status.Profile!.Work);
            Assert.Equal(span, status.Profile.Span);
            // Progress ends at 100%: units done of units done, not of the horizon's cap.
            Assert.Equal(work, status.UnitsTotal);
            Assert.Equal(status.UnitsTotal, status.UnitsDone);
        }

        Assert.Equal(work, pinned.Profile!.StageProfiles.Sum(s => s.WorkUnits));
        Assert.Equal(work, scattered.Profile.StageProfiles.Sum(s => s.WorkUnits));
    }

    [Fact]
    public async Task AResumedScatteredJobStillStopsAtTheConvergenceSweep()
    {
        // A coordinator lost 5 stages before convergence stored the stage end before them; the next one resumes from there
        // and must run those 5 stages and stop, not go on to the horizon.
        var plan = WorkloadCatalog.Get("mdp").Plan(Converging);
        var local = LocalPlanRunner.Run(plan, 2, keepStageOutputs: true);
        var iterations = local.StagesRun;
        Assert.InRange(iterations, 10, 999);
        var resumeAt = iterations - 5;
        var spec = new JobSpec("mdp", new Dictionary<string, string>(plan.Parameters.Canonical, StringComparer.Ordinal), JobMode.Scatter, 2);
        var record = new JobRecord
        {
            Spec = spec,
            State = JobState.Running,
            UnitsTotal = plan.Work,
            Unit = plan.Unit,
            SubmittedAt = DateTimeOffset.UtcNow,
            Progress = new JobProgress
            {
                RunSpec = spec,
                Parallelism = 2,
                ChosenMode = "scatter",
                Stage = resumeAt,
                // an array, as a coordinator stores it (a collection expression here would be a compiler-made type storage cannot name)
                Previous = local.StageOutputs[resumeAt - 1].ToArray(),
                UnitsBefore = plan.UnitsDone(resumeAt).Work,
            },
        };
        record.Counters.CoordinatorRuns = 1;
        var job = fixture.Client.GetGrain<IJobGrain>("t-resume-" + Guid.NewGuid().ToString("N"));
        var storage = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(SerialClusterStorage.Jobs);
        await storage.WriteStateAsync("job", job.GetGrainId(), new GrainState<JobRecord>(record));

        var clock = Stopwatch.StartNew();
        var status = await job.GetStatusAsync(); // activates the coordinator, which claims the job and resumes it
        while (!status.IsFinished)
        {
            Assert.True(
                clock.Elapsed < JobDriver.Deadline,
                $"the resumed job did not finish within {JobDriver.Deadline}; last {status.State} {status.UnitsDone}/{status.UnitsTotal}");
            await Task.Delay(20);
            status = await job.GetStatusAsync();
        }

        Assert.True(status.State == JobState.Completed, $"the resumed job ended {status.State}: {status.Error}");
        Assert.Equal(local.Result.ToJsonString(), status.ResultJson);
        Assert.Equal(5, status.Profile!.Stages);
        Assert.Equal(local.WorkUnits, status.Profile.Work);
        Assert.Equal(status.UnitsTotal, status.UnitsDone);
    }
}
