using System.Text.Json;
using SerialCluster.Integration.Tests.Infrastructure;

namespace SerialCluster.Integration.Tests.Deployment;

/// <summary>
/// The Node tooling in tests/dashboards-check: Grafana's own dashboard types (@grafana/schema) and display code
/// (@grafana/data), at the version of the compose file's Grafana. Installs it with <c>npm ci</c> from the committed
/// lock when node_modules is missing or older than the lock; skips the test where node or npm is missing or npm
/// cannot reach its registry.
/// </summary>
public static class DashboardCheck
{
    public const string Folder = "tests/dashboards-check";
    public const string NodeMissing = "node and npm not found: apt-get install -y nodejs npm";

    private static readonly SemaphoreSlim Install = new(1, 1);
    private static readonly string[] OfflineSigns =
        ["ENOTFOUND", "EAI_AGAIN", "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "ENETUNREACH", "UNABLE_TO_GET_ISSUER"];

    /// <summary>Type-checks every dashboard in <paramref name="dashboardDirectory"/>: exit code 0, or 1 with one line per finding.</summary>
    public static async Task<(int ExitCode, string Output)> TypeCheckAsync(string dashboardDirectory)
    {
        var node = await ReadyAsync();
        return await Tool.RunAsync(node, ["typecheck.mjs", dashboardDirectory], TimeSpan.FromMinutes(3), Repository.File(Folder));
    }

    /// <summary>Renders the dashboards' panels from recorded answers (<see cref="DashboardAnswers"/>): what each panel shows, and the findings.</summary>
    public static async Task<DashboardRender> RenderAsync(string answersFile, string? dashboardDirectory = null)
    {
        var node = await ReadyAsync();
        var result = Path.ChangeExtension(answersFile, ".rendered.json");
        var dashboards = dashboardDirectory ?? Repository.File(Dashboard.Folder);
        var (exitCode, output) = await Tool.RunAsync(node, ["render.mjs", answersFile, result, dashboards], TimeSpan.FromMinutes(3), Repository.File(Folder));
        if (!File.Exists(result))
        {
            throw new InvalidOperationException($"render.mjs exited {exitCode} without a result:\n{output}");
        }

        using var document = JsonDocument.Parse(File.ReadAllText(result));
        return new DashboardRender(exitCode, output, document.RootElement.Clone());
    }

    /// <summary>Skips the test now, before it starts anything, where the tooling cannot run; installs it otherwise.</summary>
    public static async Task RequireAsync() => await ReadyAsync();

    private static async Task<string> ReadyAsync()
    {
        var node = Requirements.Program("node") ?? throw new SkipException(NodeMissing);
        var npm = Requirements.Program("npm") ?? throw new SkipException(NodeMissing);
        var folder = Repository.File(Folder);
        var installed = Path.Combine(folder, "node_modules", ".package-lock.json");
        await Install.WaitAsync();
        try
        {
            if (File.Exists(installed) && File.GetLastWriteTimeUtc(installed) >= File.GetLastWriteTimeUtc(Path.Combine(folder, "package-lock.json")))
            {
                return node;
            }

            var (exitCode, output) = await Tool.RunAsync(npm, ["ci", "--no-audit", "--no-fund"], TimeSpan.FromMinutes(10), folder);
            if (exitCode != 0 && OfflineSigns.Any(sign => output.Contains(sign, StringComparison.Ordinal)))
            {
                throw new SkipException($"npm ci in {Folder} could not reach the npm registry (it installs @grafana/schema and @grafana/data): {Tail(output)}");
            }

            Assert.True(exitCode == 0, $"npm ci in {Folder} exited {exitCode}:\n{Tail(output)}");
            return node;
        }
        finally
        {
            Install.Release();
        }
    }

    private static string Tail(string output) => output.Length <= 2000 ? output : output[^2000..];
}
