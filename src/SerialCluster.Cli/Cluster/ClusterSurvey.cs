using System.Diagnostics;
using SerialCluster.Abstractions.Execution;
using SerialCluster.Abstractions.GrainInterfaces;
using SerialCluster.CostModel.Cores;
using SerialCluster.Grains.Calibration;
using SerialCluster.Grains.Placement;

namespace SerialCluster.Cli.Cluster;

/// <summary>
/// Every active silo of a cluster, read from a client: membership through the management grain, then each
/// silo's own figures (role, calibration, running work, hop latencies) from the worker grain that lives on it.
/// </summary>
public sealed class ClusterSurvey
{
    /// <summary>How long after the last calibration a cluster with no hop figures at all is still waited for.</summary>
    public static readonly TimeSpan HopGrace = TimeSpan.FromSeconds(3);

    /// <summary>
    /// How long a complete survey still waits for silos' first load samples: a start whose calibration came from the cache
    /// completes before the samplers' first slices, and a silo that cannot sample (no /proc/stat) must not hold it up long.
    /// </summary>
    public static readonly TimeSpan LoadGrace = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    private ClusterSurvey(IReadOnlyList<SurveyedSilo> silos) => Silos = silos;

    /// <summary>A survey of silos already read (tests build one without a cluster).</summary>
    internal static ClusterSurvey Of(IReadOnlyList<SurveyedSilo> silos) => new(silos);

    /// <summary>The active silos by name (then address).</summary>
    public IReadOnlyList<SurveyedSilo> Silos { get; }

    /// <summary>Silos that have not yet published a full calibration (overrides alone are not one).</summary>
    public IReadOnlyList<string> Uncalibrated =>
        [.. Silos.Where(s => s.Capacity?.Calibration is not { AllCoreScore: > 0 }).Select(s => s.Name)];

    /// <summary>Silos that lack a hop latency to some silo (themselves included).</summary>
    public IReadOnlyList<string> MissingHops =>
        [.. Silos.Where(s => !Silos.All(peer => s.Capacity?.Hops.Any(h => h.Peer == peer.Name) == true)).Select(s => s.Name)];

    /// <summary>Every silo calibrated and the hop matrix full.</summary>
    public bool IsComplete => Uncalibrated.Count == 0 && MissingHops.Count == 0;

    /// <summary>Silos that answered but have not yet published a CPU load sample (their first follows start by a slice).</summary>
    public IReadOnlyList<string> MissingLoad => [.. Silos.Where(s => s.Capacity is { Load: null }).Select(s => s.Name)];

    /// <summary>No silo has measured a single hop (probing may be switched off there).</summary>
    public bool HasNoHops => Silos.All(s => s.Capacity is null || s.Capacity.Hops.Count == 0);

    /// <summary>The hosts the answering silos run on (<see cref="CoreClaims.HostOf"/>: containers on one kernel share one).</summary>
    public IReadOnlyList<string> Hosts => [.. Answered.Select(CoreClaims.HostOf).Distinct(StringComparer.Ordinal)];

    /// <summary>
    /// The cores the answering silos have together, CPUs that several silos share counted once (<see cref="SharedCores"/>);
    /// whole cores, 0 when none answered.
    /// </summary>
    public int Cores => Answered.Count == 0 ? 0 : Math.Max(1, (int)Math.Round(SharedCores.Total(Answered.Select(CoreClaims.Of))));

    /// <summary>What a sweep's P counts here (<see cref="ProcessorUnit"/>): equal slow silos under CPU quotas, else the cores.</summary>
    public ProcessorUnit Unit => ProcessorUnit.Of([.. Answered.Select(CoreClaims.Of)]);

    /// <summary>How many answering silos share CPUs with <paramref name="silo"/>, itself included (1: it shares none).</summary>
    public int SharedBy(SurveyedSilo silo) =>
        silo.Capacity is { } capacity ? SharedCores.SharingWith(CoreClaims.Of(capacity), [.. Answered.Select(CoreClaims.Of)]) : 1;

    /// <summary>Cores that programs other than the cluster keep busy on <paramref name="host"/> (see <see cref="MachineLoad"/>).</summary>
    public double ForeignBusyCores(string host) =>
        MachineLoad.ForeignBusyCores([.. Answered.Where(c => CoreClaims.HostOf(c) == host)]);

    /// <summary>Cores that programs other than the cluster keep busy on <paramref name="silo"/>'s host; 0 when it did not answer.</summary>
    public double ForeignBusyCores(SurveyedSilo silo) => silo.Capacity is { } capacity ? ForeignBusyCores(CoreClaims.HostOf(capacity)) : 0;

    private IReadOnlyList<SiloCapacity> Answered => [.. Silos.Select(s => s.Capacity).OfType<SiloCapacity>()];

    public static async Task<ClusterSurvey> ReadAsync(IClusterClient client, CancellationToken cancellationToken)
    {
        var hosts = await client.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: true).WaitAsync(cancellationToken);
        var ordered = hosts
            .OrderBy(h => h.SiloName, StringComparer.Ordinal)
            .ThenBy(h => h.SiloAddress.ToParsableString(), StringComparer.Ordinal)
            .ToList();
        var silos = await Task.WhenAll(ordered.Select(async host =>
        {
            var worker = client.GetGrain<IWorkerGrain>(SiloKey.Format(host.SiloAddress, "worker"));
            try
            {
                var capacity = await worker.GetCapacityAsync().WaitAsync(AnswerTimeout, cancellationToken);
                return new SurveyedSilo(host.SiloAddress, host.SiloName, capacity.Machine, capacity);
            }
            catch (Exception e) when (e is TimeoutException or OrleansException)
            {
                return new SurveyedSilo(host.SiloAddress, host.SiloName, host.HostName, null); // leaving, or not answering
            }
        }));
        return new ClusterSurvey(silos);
    }

    /// <summary>Reads the cluster until every silo has published its first calibration, or until <paramref name="deadline"/>.</summary>
    public static async Task WaitForCalibrationAsync(IClusterClient client, TimeSpan deadline, Action<string> say, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var said = false;
        while (clock.Elapsed < deadline)
        {
            var survey = await ReadAsync(client, cancellationToken);
            if (survey.Uncalibrated.Count == 0)
            {
                return;
            }

            if (!said)
            {
                say($"waiting for the silos to calibrate… ({string.Join(", ", survey.Uncalibrated)})");
                said = true;
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    /// <summary>
    /// Reads the cluster until every silo has published its first calibration and its hop latencies, or until
    /// <paramref name="deadline"/> has passed; then returns what there is. Says once what it waits for. When
    /// every silo has calibrated but none has measured any hop for <see cref="HopGrace"/> (their first round
    /// follows their calibration within milliseconds), probing is taken to be off and waiting ends.
    /// </summary>
    public static async Task<ClusterSurvey> WaitAsync(IClusterClient client, TimeSpan deadline, Action<string> say, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        TimeSpan? calibratedAt = null;
        TimeSpan? completeAt = null;
        var saidCalibration = false;
        var saidHops = false;
        while (true)
        {
            var survey = await ReadAsync(client, cancellationToken);
            if (survey.Uncalibrated.Count == 0)
            {
                calibratedAt ??= clock.Elapsed;
            }

            var probingOff = calibratedAt is { } at && survey.HasNoHops && clock.Elapsed - at >= HopGrace;
            if (survey.IsComplete || probingOff)
            {
                completeAt ??= clock.Elapsed;
            }

            var loadSeen = survey.MissingLoad.Count == 0 || clock.Elapsed - completeAt >= LoadGrace;
            if ((completeAt is not null && loadSeen) || clock.Elapsed >= deadline)
            {
                return survey;
            }

            if (survey.Uncalibrated.Count > 0 && !saidCalibration)
            {
                say($"waiting for calibration… ({string.Join(", ", survey.Uncalibrated)})");
                saidCalibration = true;
            }
            else if (survey.Uncalibrated.Count == 0 && !saidHops)
            {
                say($"waiting for hop latencies… ({string.Join(", ", survey.MissingHops)})");
                saidHops = true;
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }
}
