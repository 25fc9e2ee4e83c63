using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using SerialCluster.Cli.Commands;
using SerialCluster.Grains.Hosting;
using SerialCluster.Hosting;
using YamlDotNet.RepresentationModel;

namespace SerialCluster.Integration.Tests.Deployment;

/// <summary>
/// docker-compose.yml without a Docker engine: Compose itself accepts it, and every rule the deployment promises
/// (pinned images, loopback-only ports, non-root, read-only config, health-gated dependencies, settings the apps
/// really read) holds for every service.
/// </summary>
public sealed partial class ComposeFileTests
{
    private const string SiloPrefix = "SerialCluster__Silo__";
    private static readonly string[] SiloServices = ["silo-serial", "silo"];
    private static readonly string[] PublishingServices = ["silo-serial", "prometheus", "grafana", "jaeger"];

    private readonly ComposeFile _compose = ComposeFile.Load();

    [SkippableFact]
    public async Task DockerComposeAcceptsTheFile()
    {
        var compose = Tool.Require("docker-compose", Tool.DockerComposeMissing);
        string[][] invocations =
        [
            ["-f", ComposeFile.RelativePath, "config", "-q"], ["-f", ComposeFile.RelativePath, "--profile", "cli", "config", "-q"],
            ["-f", ComposeFile.RelativePath, "-f", "deploy/ci/no-ui.yml", "config", "-q"],
        ];
        foreach (var arguments in invocations)
        {
            var (exitCode, output) = await Tool.RunAsync(compose, arguments, TimeSpan.FromSeconds(60));
            Assert.True(exitCode == 0, $"docker-compose {string.Join(' ', arguments)} exited {exitCode}:\n{output}");
        }
    }

    [Fact]
    public void EveryImageIsPinned()
    {
        foreach (var (name, service) in _compose.Services)
        {
            var image = ComposeFile.Scalar(service, "image");
            Assert.False(image is null, $"service {name} names no image");
            var tag = image!.Contains(':', StringComparison.Ordinal) ? image[(image.LastIndexOf(':') + 1)..] : null;
            Assert.False(tag is null or "latest" || !tag.Any(char.IsDigit), $"service {name}: image '{image}' is not pinned to a version tag");
            if (ComposeFile.Child(service, "build") is null)
            {
                // Pulled images: a full version (x.y.z), never a floating major tag.
                Assert.Matches(FullVersion(), tag);
            }
        }
    }

    [Fact]
    public void OnlyGrafanaPrometheusTheTraceUiAndTheGatewayArePublishedOnLoopback()
    {
        foreach (var (name, service) in _compose.Services)
        {
            var ports = ComposeFile.Strings(service, "ports");
            if (!PublishingServices.Contains(name))
            {
                Assert.True(ports.Count == 0, $"service {name} publishes {string.Join(", ", ports)}; only {string.Join(", ", PublishingServices)} may");
                continue;
            }

            Assert.NotEmpty(ports);
            foreach (var port in ports)
            {
                Assert.True(port.StartsWith("127.0.0.1:", StringComparison.Ordinal), $"service {name} publishes '{port}' beyond 127.0.0.1");
            }
        }
    }

    [Fact]
    public void EveryContainerRunsAsAnUnprivilegedUser()
    {
        foreach (var (name, service) in _compose.Services)
        {
            var user = ComposeFile.Scalar(service, "user");
            Assert.False(string.IsNullOrEmpty(user), $"service {name} sets no user (images may default to root)");
            var uid = user!.Split(':')[0];
            Assert.False(uid is "0" or "root", $"service {name} runs as {user}");
        }
    }

    [Fact]
    public void ConfigurationIsMountedReadOnly()
    {
        foreach (var (name, service) in _compose.Services)
        {
            foreach (var volume in ComposeFile.Strings(service, "volumes"))
            {
                // Bind mounts of repository files (./…, .); named volumes hold data and are writable, and so is the one
                // folder the cli service writes its files to.
                if (volume == "./out:/out")
                {
                    Assert.Equal("cli", name);
                    Assert.Contains("${CLI_OUTPUT:-./out}:/out", ComposeFile.Text, StringComparison.Ordinal);
                }
                else if (volume.StartsWith('.'))
                {
                    Assert.True(volume.EndsWith(":ro", StringComparison.Ordinal), $"service {name} mounts '{volume}' writable");
                    var source = volume.Split(':')[0];
                    Assert.True(
                        Directory.Exists(Repository.File(source)) || File.Exists(Repository.File(source)),
                        $"service {name} mounts '{source}', which is not in the repository");
                }
            }
        }
    }

    [Fact]
    public void EveryServerHasAHealthcheckAndDependenciesWaitOnConditions()
    {
        foreach (var (name, service) in _compose.Services)
        {
            if (name != "cli")
            {
                var healthcheck = ComposeFile.Child(service, "healthcheck") as YamlMappingNode;
                Assert.False(healthcheck is null || ComposeFile.Strings(healthcheck, "test").Count == 0, $"service {name} has no healthcheck");
            }

            if (ComposeFile.Child(service, "depends_on") is { } dependsOn)
            {
                var map = Assert.IsType<YamlMappingNode>(dependsOn);
                foreach (var (dependency, condition) in map.Children)
                {
                    var value = ComposeFile.Scalar((YamlMappingNode)condition, "condition");
                    Assert.True(
                        value is "service_healthy" or "service_started" or "service_completed_successfully",
                        $"service {name} depends on {dependency} without a condition");
                    Assert.True(_compose.Services.ContainsKey(((YamlScalarNode)dependency).Value!), $"service {name} depends on unknown service {dependency}");
                }
            }
        }

        // The silos must not start before Redis answers, nor the CLI before the serial silo has joined.
        Assert.Equal("service_healthy", DependencyCondition("silo-serial", "redis"));
        Assert.Equal("service_healthy", DependencyCondition("silo", "redis"));
        Assert.Equal("service_healthy", DependencyCondition("cli", "silo-serial"));
        Assert.Equal("service_healthy", DependencyCondition("grafana", "prometheus"));
    }

    [Fact]
    public void PinningIsOptInAndParallelSilosScale()
    {
        var serial = _compose.Service("silo-serial");
        var parallel = _compose.Service("silo");
        Assert.Equal("serial", ComposeFile.Environment(serial)[SiloPrefix + "Role"]);
        Assert.Equal("parallel", ComposeFile.Environment(parallel)[SiloPrefix + "Role"]);

        // A default CPU set fails container creation on an engine without that CPU or without the cpuset controller
        // (rootless), and pins every scaled silo to one CPU: no pinning unless SERIAL_CPUSET / SILO_CPUSET ask for it.
        Assert.Equal(string.Empty, ComposeFile.Scalar(serial, "cpuset"));
        Assert.Equal(string.Empty, ComposeFile.Scalar(parallel, "cpuset"));
        Assert.Contains("cpuset: \"${SERIAL_CPUSET:-}\"", ComposeFile.Text, StringComparison.Ordinal);
        Assert.Contains("cpuset: \"${SILO_CPUSET:-}\"", ComposeFile.Text, StringComparison.Ordinal);

        // A CPU quota per silo is opt-in too (SILO_CPUS, docs/SCALING.md); 0 is Docker's "no limit".
        Assert.Equal("0", ComposeFile.Scalar(serial, "cpus"));
        Assert.Equal("0", ComposeFile.Scalar(parallel, "cpus"));
        Assert.Contains("cpus: ${SILO_CPUS:-0}", ComposeFile.Text, StringComparison.Ordinal);

        // Anything fixed per container would make `--scale silo=N` fail or collide.
        foreach (var key in new[] { "container_name", "hostname", "ports" })
        {
            Assert.True(ComposeFile.Child(parallel, key) is null, $"the scalable service silo sets {key}");
        }

        Assert.False(ComposeFile.Environment(parallel).ContainsKey(SiloPrefix + "Name"), "every scaled silo would get the same Name");
        Assert.Equal(["cli"], ComposeFile.Strings(_compose.Service("cli"), "profiles"));
    }

    [Fact]
    public void EveryImageCanBeSubstitutedAndTheDotnetImagesArePinnedOnce()
    {
        // Pulled images: ${NAME_IMAGE:-official}, so a machine without a registry can run the stack on stand-ins.
        var written = ComposeFile.Text;
        foreach (var (name, service) in _compose.Services.Where(s => ComposeFile.Child(s.Value, "build") is null))
        {
            var image = ComposeFile.Scalar(service, "image")!;
            Assert.Matches($@"image: \$\{{[A-Z]+_IMAGE:-{Regex.Escape(image)}\}}", written);
        }

        // Built images: the .NET SDK and runtime images are build arguments, pinned to exact versions in the
        // Dockerfiles (one pin, the same in both), handed through by compose only when set.
        var pins = new[] { "deploy/silo.Dockerfile", "deploy/cli.Dockerfile" }
            .Select(f => Regex.Matches(File.ReadAllText(Repository.File(f)), @"^ARG (DOTNET_(?:SDK|RUNTIME)_IMAGE)=(\S+)$", RegexOptions.Multiline)
                .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value, StringComparer.Ordinal))
            .ToList();
        Assert.All(pins, p => Assert.Equal(pins[0], p));
        Assert.Matches(@"^mcr\.microsoft\.com/dotnet/sdk:\d+\.\d+\.\d+$", pins[0]["DOTNET_SDK_IMAGE"]);
        Assert.Matches(@"^mcr\.microsoft\.com/dotnet/runtime:\d+\.\d+\.\d+$", pins[0]["DOTNET_RUNTIME_IMAGE"]);
        foreach (var (name, service) in _compose.Services.Where(s => ComposeFile.Child(s.Value, "build") is not null))
        {
            var arguments = ComposeFile.Strings((YamlMappingNode)ComposeFile.Child(service, "build")!, "args");
            Assert.Equal(["DOTNET_SDK_IMAGE", "DOTNET_RUNTIME_IMAGE"], arguments);
        }
    }

    [Fact]
    public void EverySiloSettingIsOneTheSiloReads()
    {
        var properties = typeof(SiloHostOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Concat(typeof(SerialClusterOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance))
            .Where(p => p.CanWrite)
            .Select(p => p.Name)
            .ToHashSet(StringComparer.Ordinal);
        foreach (var name in SiloServices)
        {
            var environment = ComposeFile.Environment(_compose.Service(name));
            var settings = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var (key, value) in environment)
            {
                if (key.StartsWith("OTEL_", StringComparison.Ordinal))
                {
                    Assert.True(KnownSettings.OpenTelemetry.Contains(key), $"service {name}: {key} is not an OpenTelemetry setting the .NET SDK reads");
                    continue;
                }

                Assert.True(
                    key.StartsWith(SiloPrefix, StringComparison.Ordinal), $"service {name}: {key} is not a silo setting (SerialCluster__Silo__*) nor OTEL_*");
                var property = key[SiloPrefix.Length..];
                Assert.True(
                    properties.Contains(property),
                    $"service {name}: {key} names no property of SiloHostOptions or SerialClusterOptions; "
                    + $"known: {string.Join(", ", properties.Order(StringComparer.Ordinal))}");
                settings[$"{SiloHostOptions.SectionName}:{property}"] = value;
            }

            // The silo's own start-up validation and binding, exactly as the container runs it (the entrypoint adds the address;
            // the lock directory is a volume there, the temp directory here).
            settings[$"{SiloHostOptions.SectionName}:{nameof(SiloHostOptions.AdvertisedIPAddress)}"] = "172.18.0.5";
            settings[$"{SiloHostOptions.SectionName}:{nameof(SerialClusterOptions.CalibrationLockDirectory)}"] = Path.GetTempPath();
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Configuration.AddInMemoryCollection(settings);
            var exception = Record.Exception(() => builder.AddSerialClusterSilo());
            Assert.True(exception is null, $"service {name}: the silo rejects its settings: {exception?.Message}");
            var bound = builder.Configuration.GetSection(SiloHostOptions.SectionName).Get<SiloHostOptions>()!;
            Assert.Equal("redis", bound.Clustering);
        }
    }

    [SkippableFact]
    public void SilosSendTracesToTheTraceBackend()
    {
        var exporter = typeof(SiloHostOptions).Assembly.GetReferencedAssemblies().Any(a => a.Name == "OpenTelemetry.Exporter.OpenTelemetryProtocol");
        Skip.IfNot(exporter, "the silo does not use the OTLP exporter yet (issue 5, traces): the compose file's OTEL_* settings wait for it");
        foreach (var name in SiloServices)
        {
            // The silo turns tracing on only when this variable is set, and names its service from OTEL_SERVICE_NAME.
            var environment = ComposeFile.Environment(_compose.Service(name));
            Assert.Equal("http://jaeger:4317", environment[SiloTracing.EndpointVariable]);
            Assert.Equal("grpc", environment["OTEL_EXPORTER_OTLP_PROTOCOL"]);
            Assert.Equal(SiloTracing.DefaultServiceName, environment[SiloTracing.ServiceNameVariable]);
        }

        Assert.Equal("true", ComposeFile.Environment(_compose.Service("jaeger"))["COLLECTOR_OTLP_ENABLED"]);
    }

    [Fact]
    public void EveryOtherEnvironmentKeyIsASettingItsProgramReads()
    {
        var known = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal)
        {
            ["grafana"] = KnownSettings.Grafana,
            ["jaeger"] = KnownSettings.Jaeger,
            ["cli"] = new HashSet<string>(StringComparer.Ordinal) { ClusterSettings.RedisEnvironmentVariable, ClusterSettings.GatewayEnvironmentVariable },
        };
        foreach (var (name, service) in _compose.Services.Where(s => !SiloServices.Contains(s.Key)))
        {
            foreach (var key in ComposeFile.Environment(service).Keys)
            {
                Assert.True(known.TryGetValue(name, out var keys) && keys.Contains(key), $"service {name} sets {key}, which its program does not read");
            }
        }

        Assert.Equal("redis:6379", ComposeFile.Environment(_compose.Service("cli"))[ClusterSettings.RedisEnvironmentVariable]);
    }

    [Fact]
    public void HealthchecksPrometheusAndGrafanaAgreeWithTheSilosPorts()
    {
        var silo = ComposeFile.Environment(_compose.Service("silo-serial"));
        var gatewayPort = int.Parse(silo[SiloPrefix + "GatewayPort"], CultureInfo.InvariantCulture);
        var metricsPort = int.Parse(silo[SiloPrefix + "MetricsPort"], CultureInfo.InvariantCulture);

        // The silo healthcheck looks for the gateway's listening socket in /proc/net/tcp, where ports are hex: the
        // port the silo reads, converted by the container's shell, so GATEWAY_PORT moves both.
        Assert.Equal("${GATEWAY_PORT:-30000}", Regex.Match(ComposeFile.Text, @"SerialCluster__Silo__GatewayPort: ""([^""]+)""").Groups[1].Value);
        foreach (var name in SiloServices)
        {
            var check = string.Join(' ', ComposeFile.Strings((YamlMappingNode)ComposeFile.Child(_compose.Service(name), "healthcheck")!, "test"));
            Assert.Contains(":$(printf %04X $SerialCluster__Silo__GatewayPort) ", check, StringComparison.Ordinal);
            Assert.Equal(silo[SiloPrefix + "MetricsPort"], ComposeFile.Environment(_compose.Service(name))[SiloPrefix + "MetricsPort"]);
        }

        Assert.Contains($"127.0.0.1:{gatewayPort}:{gatewayPort}", ComposeFile.Strings(_compose.Service("silo-serial"), "ports"));
        Assert.Contains("127.0.0.1:${GATEWAY_PORT:-30000}:${GATEWAY_PORT:-30000}", ComposeFile.Text, StringComparison.Ordinal);

        // Prometheus resolves both silo services by DNS, at the silos' metrics port.
        var prometheus = ComposeFile.LoadYaml(Repository.File("deploy/prometheus/prometheus.yml"));
        var job = ((YamlSequenceNode)prometheus["scrape_configs"]).Children.Cast<YamlMappingNode>()
            .Single(j => ComposeFile.Scalar(j, "job_name") == PrometheusConfig.SiloJob);
        var dns = (YamlMappingNode)((YamlSequenceNode)job["dns_sd_configs"]).Children.Single();
        Assert.Equal(SiloServices.Order(StringComparer.Ordinal), ComposeFile.Strings(dns, "names").Order(StringComparer.Ordinal));
        Assert.Equal(metricsPort.ToString(CultureInfo.InvariantCulture), ComposeFile.Scalar(dns, "port"));

        // Grafana: the provisioned dashboards folder is the one compose mounts, the home dashboard exists in it.
        var grafana = _compose.Service("grafana");
        var dashboardsMount = ComposeFile.Strings(grafana, "volumes").Single(v => v.StartsWith("./dashboards:", StringComparison.Ordinal)).Split(':')[1];

        // Provisioning: only the folders the repository provides, each over its own folder of the image's; a mount of
        // all of provisioning/ would hide the image's plugins/ and alerting/ (two errors at every start).
        var provisioning = ComposeFile.Strings(grafana, "volumes").Where(v => v.Contains("/etc/grafana/provisioning", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            Directory.GetDirectories(Repository.File("deploy/grafana/provisioning")).Select(Path.GetFileName).Order(StringComparer.Ordinal),
            provisioning.Select(v => v.Split(':')[1]["/etc/grafana/provisioning/".Length..]).Order(StringComparer.Ordinal));
        Assert.All(provisioning, v => Assert.Equal("./deploy/grafana" + v.Split(':')[1]["/etc/grafana".Length..], v.Split(':')[0]));
        var providers = ComposeFile.LoadYaml(Repository.File("deploy/grafana/provisioning/dashboards/serialcluster.yml"));
        var provider = (YamlMappingNode)((YamlSequenceNode)providers["providers"]).Children.Single();
        Assert.Equal(dashboardsMount, ComposeFile.Scalar((YamlMappingNode)provider["options"], "path"));
        var home = ComposeFile.Environment(grafana)["GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH"];
        Assert.StartsWith(dashboardsMount + "/", home, StringComparison.Ordinal);
        Assert.True(File.Exists(Repository.File("dashboards/" + Path.GetFileName(home))), $"the home dashboard {home} is not in dashboards/");
    }

    private string? DependencyCondition(string service, string dependency) =>
        ComposeFile.Child(_compose.Service(service), "depends_on") is YamlMappingNode map && ComposeFile.Child(map, dependency) is YamlMappingNode entry
            ? ComposeFile.Scalar(entry, "condition")
            : null;

    [GeneratedRegex(@"^v?\d+\.\d+\.\d+(-[a-z0-9.]+)?$")]
    private static partial Regex FullVersion();
}
