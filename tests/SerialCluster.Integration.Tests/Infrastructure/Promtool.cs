using System.Diagnostics;

namespace SerialCluster.Integration.Tests.Infrastructure;

/// <summary>Prometheus' own linter for the text exposition format (<c>promtool check metrics</c>), where installed.</summary>
public static class Promtool
{
    public const string Missing = "promtool not found: apt-get install -y prometheus";

    /// <summary>The linter's complaints about <paramref name="exposition"/> (empty: none), or null where promtool is not installed.</summary>
    public static async Task<string?> CheckMetricsAsync(string exposition)
    {
        if (Requirements.Program("promtool") is not { } promtool)
        {
            return null;
        }

        var info = new ProcessStartInfo(promtool, ["check", "metrics"])
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {promtool}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(exposition);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        return (await stdout + await stderr).Trim();
    }
}
