using SerialCluster.Abstractions.Jobs;

namespace SerialCluster.Cli.Bench;

/// <summary>A finished bench job: its profile, its result as JSON, and the wall time the client saw.</summary>
public sealed record BenchJobResult(JobProfile Profile, string ResultJson, double ClientSeconds)
{
    /// <summary>The coordinator's wall time, submission to result.</summary>
    public double WallSeconds => Profile.WallSeconds;
}
