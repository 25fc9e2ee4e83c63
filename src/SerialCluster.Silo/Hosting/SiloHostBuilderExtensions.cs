using System.ComponentModel.DataAnnotations;
using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using SerialCluster.Grains.Hosting;

namespace SerialCluster.Silo.Hosting;

/// <summary>Configures a SerialCluster silo host from configuration.</summary>
public static class SiloHostBuilderExtensions
{
    /// <summary>Reads <see cref="SiloHostOptions"/>, validates them before anything starts, and adds a configured Orleans silo.</summary>
    public static HostApplicationBuilder AddSerialClusterSilo(this HostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SiloHostOptions>()
            .Bind(builder.Configuration.GetSection(SiloHostOptions.SectionName));

        var options = builder.Configuration.GetSection(SiloHostOptions.SectionName).Get<SiloHostOptions>() ?? new SiloHostOptions();
        Validate(options);

        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(
                siloPort: options.SiloPort,
                gatewayPort: options.GatewayPort,
                primarySiloEndpoint: new IPEndPoint(IPAddress.Loopback, options.PrimarySiloPort),
                serviceId: options.ServiceId,
                clusterId: options.ClusterId);
            silo.Configure<SiloOptions>(o => o.SiloName = string.IsNullOrWhiteSpace(options.Name)
                ? $"{Environment.MachineName}:{options.SiloPort}"
                : options.Name);
            silo.AddSerialCluster();
        });

        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
        });
        return builder;
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
