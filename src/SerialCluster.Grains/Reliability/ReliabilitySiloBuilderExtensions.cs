using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using SerialCluster.Grains.Hosting;

namespace SerialCluster.Grains.Reliability;

/// <summary>Registers what makes jobs survive failures: the job keeper and failure detection tuned to seconds.</summary>
public static class ReliabilitySiloBuilderExtensions
{
    public const string SectionName = "SerialCluster:Silo:Reliability";

    /// <summary>
    /// Checks <paramref name="options"/> (a bad value fails the silo's start, naming its key), adds the job keeper and
    /// sets membership probing so a crashed or stopped silo is declared dead in about ProbeTimeout × MissedProbesLimit
    /// rather than Orleans' default of 15 s or more, and the heartbeats so a lone survivor of a majority loss can declare
    /// the others dead after IAmAliveInterval × MissedIAmAliveLimit rather than Orleans' 90 s.
    /// </summary>
    public static ISiloBuilder AddReliability(this ISiloBuilder builder, ReliabilityOptions options)
    {
        Check(options);
#pragma warning disable RS0030 // the one place the real clock is named: the default for DI
        builder.Services.TryAddSingleton(TimeProvider.System);
#pragma warning restore RS0030
        builder.Services.AddSingleton<JobKeeper>();
        builder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<JobKeeper>());
        builder.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = options.ProbeTimeout;
            o.NumMissedProbesLimit = options.MissedProbesLimit;
            // Orleans evicts a silo on min(2, (active non-stale silos + 1) / 2) votes: with 2 of 3 silos killed the survivor's
            // one vote suffices only once the dead silos' heartbeats are stale. Heartbeats go through the membership store, so
            // a short staleness window lets the store witness who is gone: a lone survivor recovers in seconds, not minutes.
            o.IAmAliveTablePublishTimeout = options.IAmAliveInterval;
            o.NumMissedTableIAmAliveLimit = options.MissedIAmAliveLimit;
            // An indirect probe goes through another silo of the last membership snapshot, which may be dead too: its failure
            // counts as no result, so after two kills the survivor's count stalled until the snapshot's next refresh.
            o.EnableIndirectProbes = false;
        });
        return builder;
    }

    public static void Check(ReliabilityOptions options)
    {
        Positive(nameof(options.CheckpointInterval), options.CheckpointInterval);
        Positive(nameof(options.KeeperInterval), options.KeeperInterval);
        Positive(nameof(options.ProbeTimeout), options.ProbeTimeout);
        Positive(nameof(options.IAmAliveInterval), options.IAmAliveInterval);
        if (options.ProgressWriteInterval < TimeSpan.Zero)
        {
            throw Invalid(nameof(options.ProgressWriteInterval), $"{options.ProgressWriteInterval} is negative; use 0 to store every committed task at once");
        }

        if (options.Retention < TimeSpan.Zero)
        {
            throw Invalid(nameof(options.Retention), $"{options.Retention} is negative; use 0 to keep finished jobs until they are deleted");
        }

        if (options.CheckpointSteps < 0)
        {
            throw Invalid(nameof(options.CheckpointSteps), $"{options.CheckpointSteps} is negative; use 0 to derive K from CheckpointInterval");
        }

        if (options.TaskAttempts is < 1 or > 100)
        {
            throw Invalid(nameof(options.TaskAttempts), $"{options.TaskAttempts} is out of range; allowed: 1 to 100");
        }

        if (options.MissedProbesLimit is < 1 or > 20)
        {
            throw Invalid(nameof(options.MissedProbesLimit), $"{options.MissedProbesLimit} is out of range; allowed: 1 to 20");
        }

        if (options.MissedIAmAliveLimit is < 1 or > 20)
        {
            throw Invalid(nameof(options.MissedIAmAliveLimit), $"{options.MissedIAmAliveLimit} is out of range; allowed: 1 to 20");
        }
    }

    private static void Positive(string property, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            throw Invalid(property, $"{value} is not a positive duration");
        }
    }

    private static OptionsValidationException Invalid(string property, string message)
    {
        var key = $"{SectionName}:{property}";
        return new OptionsValidationException(key, typeof(ReliabilityOptions), [$"{key}: {message}"]);
    }
}
