using System.Diagnostics;
using SerialCluster.Integration.Tests.Infrastructure;

namespace SerialCluster.Integration.Tests.Deployment;

/// <summary>Runs a command-line tool to completion (killed by PID at the deadline) and returns its exit code and output.</summary>
public static class Tool
{
    public const string DockerComposeMissing = "docker-compose not found: apt-get install -y docker-compose";
    public const string PrometheusMissing = "prometheus not found: apt-get install -y prometheus";
    public const string PromtoolMissing = "promtool not found: apt-get install -y prometheus";

    /// <summary>The tool's full path; skips the test with <paramref name="missing"/> where it is not installed.</summary>
    public static string Require(string name, string missing) => Requirements.Program(name) ?? throw new SkipException(missing);

    public static async Task<(int ExitCode, string Output)> RunAsync(
        string program, IEnumerable<string> arguments, TimeSpan deadline, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(program)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? Repository.Root,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {program}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', info.ArgumentList)} did not finish within {deadline.TotalSeconds:F0} s");
        }

        return (process.ExitCode, (await stdout) + (await stderr));
    }
}
