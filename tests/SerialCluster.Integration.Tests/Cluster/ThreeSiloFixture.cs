using System.Diagnostics;
using SerialCluster.Integration.Tests.Infrastructure;

namespace SerialCluster.Integration.Tests.Cluster;

/// <summary>
/// Three silo processes on Redis membership, shared by <see cref="MultiProcessClusterTests"/>. Their single-thread
/// scores are set by configuration (silo-1 highest) so the chain's silo is known in advance; silo-2 has role
/// <c>parallel</c>. Where redis-server is missing, the fixture records the skip and each test reports it.
/// </summary>
public sealed class ThreeSiloFixture : IAsyncLifetime
{
    public static readonly string[] Names = ["silo-0", "silo-1", "silo-2"];
    public static readonly double[] Scores = [1_000_000, 3_000_000, 2_000_000];
    public static readonly string[] Roles = ["any", "any", "parallel"];
    public const string TopScoringSilo = "silo-1";

    private ProcessCluster? _cluster;
    private SkipException? _skip;

    public ProcessCluster Cluster => _skip is not null ? throw _skip : _cluster!;

    /// <summary>From starting the processes to every silo reporting itself active.</summary>
    public TimeSpan FormationTime { get; private set; }

    public async Task InitializeAsync()
    {
        try
        {
            _cluster = await ProcessCluster.CreateAsync();
        }
        catch (SkipException e)
        {
            _skip = e;
            return;
        }

        var clock = Stopwatch.StartNew();
        await _cluster.StartSilosAsync([.. Names.Select((name, i) => new SiloSpec(name,
        [
            .. SiloProcess.Setting("SingleThreadScoreOverride", Scores[i].ToString("R", System.Globalization.CultureInfo.InvariantCulture)),
            .. SiloProcess.Setting("Role", Roles[i]),
        ]))]);
        FormationTime = clock.Elapsed;
        await _cluster.ConnectAsync();
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
