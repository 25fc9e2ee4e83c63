using System.Xml.Linq;

namespace SerialCluster.Integration.Tests.Deployment;

/// <summary>
/// The Dockerfiles, checked without Docker: restore has its own layer (every project file the image's project needs,
/// and the build props, copied before <c>dotnet restore</c>, sources after), and the runtime stage runs unprivileged.
/// </summary>
public sealed class DockerfileTests
{
    public static TheoryData<string, string> Images => new()
    {
        { "deploy/silo.Dockerfile", "src/SerialCluster.Silo/SerialCluster.Silo.csproj" },
        { "deploy/cli.Dockerfile", "src/SerialCluster.Cli/SerialCluster.Cli.csproj" },
    };

    [Theory]
    [MemberData(nameof(Images))]
    public void RestoreRunsInItsOwnLayerBeforeTheSourcesAreCopied(string dockerfile, string project)
    {
        var lines = File.ReadAllLines(Repository.File(dockerfile)).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        var restore = lines.FindIndex(l => l.StartsWith("RUN dotnet restore " + project, StringComparison.Ordinal));
        Assert.True(restore > 0, $"{dockerfile} has no `RUN dotnet restore {project}`");
        var copiedBefore = lines.Take(restore).Where(l => l.StartsWith("COPY ", StringComparison.Ordinal))
            .SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).SkipLast(1)).ToHashSet(StringComparer.Ordinal);

        foreach (var needed in ProjectClosure(project).Concat(
            ["Directory.Build.props", "Directory.Packages.props", "global.json", "src/Directory.Build.props"]))
        {
            Assert.True(copiedBefore.Contains(needed), $"{dockerfile} does not copy {needed} before restoring");
        }

        Assert.DoesNotContain(copiedBefore, c => c.EndsWith(".cs", StringComparison.Ordinal) || c == "src/" || c == ".");
        var sources = lines.FindIndex(l => l == "COPY src/ src/");
        Assert.True(sources > restore, $"{dockerfile} must copy src/ after the restore");
        Assert.Contains(
            lines.Skip(sources),
            l => l.StartsWith("RUN dotnet publish " + project, StringComparison.Ordinal) && l.Contains("--no-restore", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void TheRuntimeStageIsSmallAndUnprivileged(string dockerfile, string project)
    {
        var text = File.ReadAllText(Repository.File(dockerfile));
        var stages = text.Split("\nFROM ", StringSplitOptions.None);
        Assert.True(stages.Length == 3, $"{dockerfile}: expected a build stage and a runtime stage");
        var runtime = stages[^1];
        Assert.StartsWith("${DOTNET_RUNTIME_IMAGE} ", runtime, StringComparison.Ordinal);
        Assert.Contains("\nARG DOTNET_RUNTIME_IMAGE=mcr.microsoft.com/dotnet/runtime:", stages[0], StringComparison.Ordinal);
        Assert.Contains("\nUSER $APP_UID", runtime, StringComparison.Ordinal);
        Assert.Contains("COPY --from=build /app ./", runtime, StringComparison.Ordinal);
        Assert.Contains(Path.GetFileNameWithoutExtension(project), File.ReadAllText(Repository.File(dockerfile)), StringComparison.Ordinal);
    }

    [Fact]
    public void TheSiloEntrypointIsExecutableAndStartsTheSilo()
    {
        var path = Repository.File("deploy/silo-entrypoint.sh");
        if (!OperatingSystem.IsWindows())
        {
            Assert.True((File.GetUnixFileMode(path) & UnixFileMode.UserExecute) != 0, "deploy/silo-entrypoint.sh is not executable");
        }

        Assert.Contains("exec dotnet /app/SerialCluster.Silo.dll \"$@\"", File.ReadAllText(path), StringComparison.Ordinal);
        Assert.Contains("deploy/silo-entrypoint.sh", File.ReadAllText(Repository.File("deploy/silo.Dockerfile")), StringComparison.Ordinal);
    }

    /// <summary>The project and every project it references, transitively, as repository-relative paths.</summary>
    private static IEnumerable<string> ProjectClosure(string project)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([project]);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            if (!seen.Add(current))
            {
                continue;
            }

            var directory = Path.GetDirectoryName(current)!;
            foreach (var reference in XDocument.Load(Repository.File(current)).Descendants("ProjectReference"))
            {
                var relative = Path.GetRelativePath(
                    Repository.Root,
                    Path.GetFullPath(Path.Combine(Repository.File(directory), reference.Attribute("Include")!.Value.Replace('\\', '/'))));
                pending.Push(relative.Replace(Path.DirectorySeparatorChar, '/'));
            }
        }

        return seen;
    }
}
