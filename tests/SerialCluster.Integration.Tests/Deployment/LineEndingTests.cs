namespace SerialCluster.Integration.Tests.Deployment;

/// <summary>
/// Every script (a file that starts with <c>#!</c>) and every file an image copies or mounts is checked out with LF on
/// every platform: with CRLF, <c>exec deploy/silo-entrypoint.sh</c> fails with "no such file or directory" and every
/// silo crash-loops. Asked of git itself (<c>git check-attr eol</c>), so .gitattributes is what is tested.
/// </summary>
public sealed class LineEndingTests
{
    private static readonly string[] ImageFiles =
    [
        "deploy/silo-entrypoint.sh", "deploy/silo.Dockerfile", "deploy/cli.Dockerfile", "docker-compose.yml", "deploy/ci/no-ui.yml",
        "deploy/prometheus/prometheus.yml", "deploy/grafana/provisioning/datasources/serialcluster.yml",
        "deploy/grafana/provisioning/dashboards/serialcluster.yml",
    ];

    [SkippableFact]
    public async Task ScriptsAndImageFilesAreCheckedOutWithLf()
    {
        var git = Tool.Require("git", "git not found: apt-get install -y git");
        Skip.IfNot(Directory.Exists(Repository.File(".git")) || File.Exists(Repository.File(".git")), "not a git checkout: no attributes to check");
        var (listed, files) = await Tool.RunAsync(git, ["ls-files"], TimeSpan.FromSeconds(60));
        Assert.Equal(0, listed);
        var scripts = files.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(f => File.Exists(Repository.File(f)) && StartsWithShebang(Repository.File(f)));
        var checkedFiles = scripts.Concat(ImageFiles).Distinct(StringComparer.Ordinal).ToList();
        Assert.Contains("deploy/silo-entrypoint.sh", checkedFiles);

        var (exit, attributes) = await Tool.RunAsync(git, ["check-attr", "eol", "--", .. checkedFiles], TimeSpan.FromSeconds(60));
        Assert.Equal(0, exit);
        var notLf = attributes.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(line => !line.EndsWith(": eol: lf", StringComparison.Ordinal)).ToList();
        Assert.True(notLf.Count == 0, $"checked out with the platform's line endings (add them to .gitattributes with eol=lf):\n{string.Join('\n', notLf)}");
    }

    private static bool StartsWithShebang(string path)
    {
        using var stream = File.OpenRead(path);
        return stream.ReadByte() == '#' && stream.ReadByte() == '!';
    }
}
