using System.Globalization;
using SerialCluster.Integration.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SerialCluster.Integration.Tests.Deployment.Docker;

/// <summary>
/// docker-compose.yml as a user runs it, in a real Docker engine: a project of its own (its containers, network and
/// volumes carry its name), the stand-in images deploy/ci/local-images.sh builds where no registry is reachable, the
/// stack without Grafana and Jaeger (deploy/ci/no-ui.yml), and free loopback ports for what it publishes.
/// Disposing takes it down with its volumes.
/// </summary>
public sealed class ComposeStack : IAsyncDisposable
{
    public const string EngineMissing =
        "no Docker engine answers `docker info`: as root run deploy/ci/docker-engine.sh install, then " +
        "eval \"$(deploy/ci/docker-engine.sh start)\" (or start your own engine and set DOCKER_HOST)";

    public const string ComposeMissing = "no Compose v2 (`docker compose version` fails): deploy/ci/docker-engine.sh install adds it";

    public const string ImagesVariable = "SERIALCLUSTER_COMPOSE_IMAGES";

    private static readonly string[] Files = ["-f", "docker-compose.yml", "-f", "deploy/ci/no-ui.yml"];
    private static readonly TimeSpan QuickCommand = TimeSpan.FromSeconds(60);

    private readonly ITestOutputHelper _output;
    private readonly Dictionary<string, string> _environment;

    private ComposeStack(
        string project, Dictionary<string, string> environment, int gatewayPort, int prometheusPort, string outputFolder, ITestOutputHelper output)
    {
        Project = project;
        _environment = environment;
        GatewayPort = gatewayPort;
        PrometheusPort = prometheusPort;
        OutputFolder = outputFolder;
        _output = output;
    }

    public string Project { get; }

    public int GatewayPort { get; }

    public int PrometheusPort { get; }

    /// <summary>The host folder the <c>cli</c> service writes to (its /out).</summary>
    public string OutputFolder { get; }

    /// <summary>
    /// A stack ready to build, or a skip naming what is missing. Images: the local stand-ins, unless
    /// SERIALCLUSTER_COMPOSE_IMAGES=official (an engine that can pull the official images).
    /// </summary>
    public static async Task<ComposeStack> CreateAsync(ITestOutputHelper output)
    {
        var docker = Requirements.Program("docker") ?? throw new SkipException(EngineMissing);
        var bare = new Dictionary<string, string>(StringComparer.Ordinal);
        if ((await CommandRun.RunAsync(docker, ["info", "--format", "{{.ServerVersion}}"], bare, QuickCommand)).ExitCode != 0)
        {
            throw new SkipException(EngineMissing);
        }

        if ((await CommandRun.RunAsync(docker, ["compose", "version"], bare, QuickCommand)).ExitCode != 0)
        {
            throw new SkipException(ComposeMissing);
        }

        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        if (System.Environment.GetEnvironmentVariable(ImagesVariable) != "official")
        {
            _ = Requirements.Program("mmdebstrap")
                ?? throw new SkipException("mmdebstrap not found (it builds the stand-in images): apt-get install -y mmdebstrap");
            var images = (await CommandRun.RunAsync("bash", [Repository.File("deploy/ci/local-images.sh")], bare, TimeSpan.FromMinutes(15))).Succeeded();
            output.WriteLine($"C0 stand-in images ready in {images.Elapsed.TotalSeconds:F1} s (deploy/ci/local-images.sh)");
            foreach (var line in images.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var assignment = line.StartsWith("export ", StringComparison.Ordinal) ? line["export ".Length..] : line;
                var equals = assignment.IndexOf('=', StringComparison.Ordinal);
                environment[assignment[..equals]] = assignment[(equals + 1)..];
            }
        }

        var ports = FreePorts.Take(2);
        var folder = Directory.CreateTempSubdirectory("serialcluster-compose-out-").FullName;
        var project = $"sctest{System.Environment.ProcessId}";
        environment["COMPOSE_PROJECT_NAME"] = project;
        environment["GATEWAY_PORT"] = ports[0].ToString(CultureInfo.InvariantCulture);
        environment["PROMETHEUS_PORT"] = ports[1].ToString(CultureInfo.InvariantCulture);
        environment["CLI_OUTPUT"] = folder;
        // As README says to run it: as the user who owns the output folder.
        var user = (await CommandRun.RunAsync("id", ["-u"], bare, QuickCommand)).Succeeded().Stdout.Trim();
        var group = (await CommandRun.RunAsync("id", ["-g"], bare, QuickCommand)).Succeeded().Stdout.Trim();
        environment["CLI_USER"] = $"{user}:{group}";
        environment["SOURCE_REVISION"] = "test";
        output.WriteLine("   not run here: Grafana and Jaeger (no image of either can be had without a registry; deploy/ci/no-ui.yml)");
        return new ComposeStack(project, environment, ports[0], ports[1], folder, output);
    }

    /// <summary><c>docker compose -f docker-compose.yml -f deploy/ci/no-ui.yml ARGS</c>; throws with its output unless it exits 0.</summary>
    public async Task<CommandRun> ComposeAsync(TimeSpan deadline, params string[] arguments) =>
        (await TryComposeAsync(deadline, arguments)).Succeeded();

    public async Task<CommandRun> TryComposeAsync(TimeSpan deadline, params string[] arguments)
    {
        var run = await CommandRun.RunAsync("docker", ["compose", .. Files, .. arguments], _environment, deadline);
        _output.WriteLine($"  docker compose {string.Join(' ', arguments)}: exit {run.ExitCode} in {run.Elapsed.TotalSeconds:F1} s");
        return run;
    }

    public async Task<CommandRun> DockerAsync(params string[] arguments) =>
        (await CommandRun.RunAsync("docker", arguments, _environment, QuickCommand)).Succeeded();

    /// <summary>Containers, networks and volumes that still carry this project's label.</summary>
    public async Task<IReadOnlyList<string>> LeftoversAsync()
    {
        var label = $"label=com.docker.compose.project={Project}";
        var left = new List<string>();
        foreach (var kind in new[] { "container", "network", "volume" })
        {
            var listed = await DockerAsync([kind, "ls", .. kind == "container" ? new[] { "-a" } : [], "-q", "--filter", label]);
            left.AddRange(listed.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(id => $"{kind} {id}"));
        }

        return left;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await TryComposeAsync(TimeSpan.FromMinutes(3), "--profile", "cli", "down", "-v", "--remove-orphans", "-t", "10");
        }
        finally
        {
            Directory.Delete(OutputFolder, recursive: true);
        }
    }
}
