using System.Diagnostics;

namespace SerialCluster.Integration.Tests.Infrastructure;

/// <summary>Sends a POSIX signal to one process this test started, by its PID, with the system's <c>kill</c>.</summary>
public static class Signals
{
    public static void Send(int pid, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", [$"-{signal}", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            UseShellExecute = false,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("could not start kill");
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {pid} failed: {kill.StandardError.ReadToEnd().Trim()}");
        }
    }
}
