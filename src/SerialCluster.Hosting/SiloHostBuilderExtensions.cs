using System.ComponentModel.DataAnnotations;
using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using SerialCluster.Grains.Hosting;
using SerialCluster.Grains.Reliability;
using SerialCluster.Grains.Security;

namespace SerialCluster.Hosting;

/// <summary>Configures a SerialCluster silo host from configuration.</summary>
public static class SiloHostBuilderExtensions
{
    /// <summary>
    /// Reads <see cref="SiloHostOptions"/>, <see cref="SerialClusterOptions"/> and the job limits, validates them before
    /// anything starts, and adds a configured Orleans silo: localhost or Redis membership and the job storage that goes
    /// with it, SerialCluster's grains, the Prometheus endpoint and tracing. The silo process and the CLI's embedded
    /// cluster both call this, each with its own configuration.
    /// </summary>
    public static HostApplicationBuilder AddSerialClusterSilo(this HostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SiloHostOptions>()
            .Bind(builder.Configuration.GetSection(SiloHostOptions.SectionName));

        var options = builder.Configuration.GetSection(SiloHostOptions.SectionName).Get<SiloHostOptions>() ?? new SiloHostOptions();
        Validate(options);
        var configureSerialCluster = SerialClusterConfiguration.Read(builder.Configuration);
        var tls = LoadTls(options.Tls);
        builder.Services.AddSingleton(LimitsConfiguration.Read(builder.Configuration));
        PoolThreads.EnsureMinimum();

        // Before Orleans: hosted services start in order, so the metrics endpoint is up before the silo starts.
        builder.Services.AddHostedService<MetricsEndpoint>();
        builder.Services.AddSiloTracing(builder.Configuration, SiloName(options), options.TraceSampleRatio);
        builder.Services.Configure<ExceptionSerializationOptions>(CrossSiloExceptions.Allow);
        builder.UseOrleans(silo =>
        {
            silo.Configure<SiloOptions>(o => o.SiloName = SiloName(options));
            if (options.UsesRedis)
            {
                silo.UseRedisCluster(options);
            }
            else
            {
                silo.UseLocalhostClustering(
                    siloPort: options.SiloPort,
                    gatewayPort: options.GatewayPort,
                    primarySiloEndpoint: new IPEndPoint(IPAddress.Loopback, options.PrimarySiloPort),
                    serviceId: options.ServiceId,
                    clusterId: options.ClusterId);
            }

            if (tls is not null)
            {
                silo.UseSerialClusterTls(tls);
            }

            // After the host's own "jobs" storage, so AddSerialCluster adds the in-memory one only where there is none.
            silo.AddSerialCluster(configureSerialCluster);
        });

        builder.Services.AddHostedService<SiloReadyLog>();
        if (options.UsesRedis)
        {
            builder.Services.AddHostedService<MembershipWatch>();
        }

        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        return builder;
    }

    /// <summary>
    /// One timestamped line per log entry on the console, for a silo that is its own process. Apart from
    /// <see cref="AddSerialClusterSilo"/> because a host with several silos (the CLI's embedded cluster) owns its console.
    /// </summary>
    public static HostApplicationBuilder AddSiloConsoleLog(this HostApplicationBuilder builder)
    {
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
        });
        return builder;
    }

    /// <summary>The silo's name in profiles and logs.</summary>
    public static string SiloName(SiloHostOptions options) =>
        string.IsNullOrWhiteSpace(options.Name) ? $"{Environment.MachineName}:{options.SiloPort}" : options.Name;

    /// <summary>
    /// Membership in Redis, and jobs stored there too, so any silo can pick up a job's state. The silo listens
    /// on, and publishes, <see cref="SiloHostOptions.AdvertisedIPAddress"/>.
    /// </summary>
    private static void UseRedisCluster(this ISiloBuilder silo, SiloHostOptions options)
    {
        var connection = options.RedisConnectionString!;
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = options.ClusterId;
            o.ServiceId = options.ServiceId;
        });
        silo.ConfigureEndpoints(IPAddress.Parse(options.AdvertisedIPAddress), options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: false);
        silo.UseRedisClustering(o => o.ConfigurationOptions = RedisConnection.Parse(connection));
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, StaleMembershipSweep>();
        silo.AddRedisGrainStorage(SerialClusterStorage.Jobs, o =>
        {
            o.ConfigurationOptions = RedisConnection.Parse(connection);
            // A deleted job, a committed chain's checkpoint: gone from Redis, not left behind as an empty record.
            o.DeleteStateOnClear = true;
        });
    }

    /// <summary>The silo's TLS identity when <c>Tls:Enabled</c>, checked now so a wrong file fails at start naming its key.</summary>
    private static TlsMaterial? LoadTls(SiloTlsOptions tls)
    {
        if (!tls.Enabled)
        {
            return null;
        }

        const string Prefix = SiloHostOptions.SectionName + ":" + SiloTlsOptions.SectionName + ":";
        var files = new TlsFiles(
            tls.CertificatePath ?? string.Empty,
            tls.KeyPath ?? string.Empty,
            tls.CaPath ?? string.Empty,
            Prefix + nameof(SiloTlsOptions.CertificatePath),
            Prefix + nameof(SiloTlsOptions.KeyPath),
            Prefix + nameof(SiloTlsOptions.CaPath));
        try
        {
            return TlsMaterial.Load(files, asServer: true);
        }
        catch (TlsConfigurationException e)
        {
            throw new OptionsValidationException(e.Setting, typeof(SiloTlsOptions), [e.Message]);
        }
    }

    /// <summary>Fails before Orleans starts, naming the key, when configuration is invalid.</summary>
    private static void Validate(SiloHostOptions options)
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            var first = results[0];
            var key = $"{SiloHostOptions.SectionName}:{first.MemberNames.FirstOrDefault()}";
            throw new OptionsValidationException(key, typeof(SiloHostOptions), [$"{key}: {first.ErrorMessage}"]);
        }
    }
}
