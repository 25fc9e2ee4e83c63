using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;

namespace SerialCluster.Cli.Bench;

/// <summary>
/// Runs src/SerialCluster.Cli/Bench/dask_fanout.py (carried in this assembly, so the bench needs no checkout) with a Python that can
/// import Dask distributed, and reads the one JSON document it prints. The Python is the first of
/// <c>SERIALCLUSTER_PYTHON</c>, <c>python3</c> on the PATH and Debian's <c>/usr/bin/python3</c> that imports
/// <c>distributed</c>: a version manager's python3 often shadows the one apt-get installed the package into.
/// </summary>
public static class DaskPeer
{
    public const string Missing = "skipped: apt-get install python3-distributed";
    public const string ScriptResource = "SerialCluster.Cli.Bench.dask_fanout.py";
    public const string PythonVariable = "SERIALCLUSTER_PYTHON";

    /// <summary>A Python that imports Dask distributed, or null where none does.</summary>
    public static async Task<string?> FindPythonAsync(CancellationToken cancellationToken)
    {
        var candidates = new[] { Environment.GetEnvironmentVariable(PythonVariable), "python3", "/usr/bin/python3" }
            .Where(c => !string.IsNullOrWhiteSpace(c)).Distinct(StringComparer.Ordinal);
        foreach (var candidate in candidates)
        {
            try
            {
                var (code, _, _) = await RunAsync(candidate!, ["-c", "import distributed"], TimeSpan.FromSeconds(60), cancellationToken);
                if (code == 0)
                {
                    return candidate;
                }
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // Not installed under that name: try the next.
            }
        }

        return null;
    }

    /// <summary>The script's document, or a <see cref="CliException"/> saying what it printed when it failed.</summary>
    public static async Task<JsonObject> RunFanOutAsync(
        string python, int emptyTasks, int tasks, double taskMilliseconds, int workers, TimeSpan deadline, CancellationToken cancellationToken)
    {
        var script = Path.Combine(Path.GetTempPath(), $"serialcluster-dask-{Guid.NewGuid():N}.py");
        await File.WriteAllTextAsync(script, Script(), cancellationToken);
        try
        {
            string[] arguments =
            [
                script,
                "--empty-tasks", emptyTasks.ToString(CultureInfo.InvariantCulture),
                "--tasks", tasks.ToString(CultureInfo.InvariantCulture),
                "--task-ms", taskMilliseconds.ToString("R", CultureInfo.InvariantCulture),
                "--workers", workers.ToString(CultureInfo.InvariantCulture),
            ];
            var (code, stdout, stderr) = await RunAsync(python, arguments, deadline, cancellationToken);
            if (code != 0)
            {
                throw new CliException(ExitCodes.JobFailed, $"bench: the Dask fan-out ({python}) exited with {code}: {stderr.Trim()}");
            }

            return JsonNode.Parse(stdout)?.AsObject()
                ?? throw new CliException(ExitCodes.JobFailed, $"bench: the Dask fan-out printed no JSON document: {stdout.Trim()}");
        }
        finally
        {
            File.Delete(script);
        }
    }

    /// <summary>The text of src/SerialCluster.Cli/Bench/dask_fanout.py as this assembly carries it.</summary>
    public static string Script()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ScriptResource)
            ?? throw new InvalidOperationException($"the assembly lacks its resource {ScriptResource}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(
        string program, IReadOnlyList<string> arguments, TimeSpan deadline, CancellationToken cancellationToken)
    {
        try
        {
            var run = await ChildProcess.RunAsync(program, arguments, new Dictionary<string, string>(), deadline, cancellationToken);
            return (run.ExitCode, run.Stdout, run.Stderr);
        }
        catch (TimeoutException e)
        {
            throw new CliException(ExitCodes.JobFailed, $"bench: {e.Message}", e);
        }
        catch (InvalidOperationException e)
        {
            throw new CliException(ExitCodes.JobFailed, $"bench: could not start {program}", e);
        }
    }
}
