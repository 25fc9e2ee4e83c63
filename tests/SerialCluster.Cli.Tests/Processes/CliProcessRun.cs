using System.Diagnostics;

namespace SerialCluster.Cli.Tests.Processes;

/// <summary>
/// Runs the built CLI (<c>serialcluster.dll</c> beside the tests) as a child process to its end, for what only a real
/// process shows: the console logger's streams, a terminal's width (<see cref="CliChildProcess"/> is for signals).
/// Waits with a deadline and kills the process (by its PID) past it.
/// </summary>
public static class CliProcessRun
{
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "serialcluster.dll");

    public static Task<(int Code, string Stdout, string Stderr)> RunAsync(TimeSpan deadline, params string[] args) =>
        RunProgramAsync("dotnet", [Dll, .. args], deadline);

    /// <summary>Runs the CLI with <paramref name="environment"/> added to this process's environment.</summary>
    public static Task<(int Code, string Stdout, string Stderr)> RunWithEnvironmentAsync(
        IReadOnlyDictionary<string, string> environment, TimeSpan deadline, params string[] args) =>
        RunProgramAsync("dotnet", [Dll, .. args], deadline, environment);

    /// <summary>Runs <paramref name="program"/> and returns its exit code and both outputs, read to the end.</summary>
    public static async Task<(int Code, string Stdout, string Stderr)> RunProgramAsync(
        string program, IEnumerable<string> args, TimeSpan deadline, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(program)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["COLUMNS"] = "200";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start");
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
            throw new TimeoutException(
                $"{program} {string.Join(' ', info.ArgumentList)} (pid {process.Id}) did not exit within {deadline.TotalSeconds:F0} s; stderr so far: " +
                (stderr.IsCompleted ? await stderr : "(still open)"));
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
