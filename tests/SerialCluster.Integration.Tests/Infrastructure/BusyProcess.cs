using System.Globalization;

namespace SerialCluster.Integration.Tests.Infrastructure;

/// <summary>A shell spinning forever on one CPU (<c>taskset -c N sh -c 'while :; do :; done'</c>): competition for a silo pinned there. Killed by PID on
/// dispose.</summary>
public sealed class BusyProcess : IDisposable
{
    private readonly ChildProcess _process;

    private BusyProcess(ChildProcess process) => _process = process;

    public int Pid => _process.Pid;

    public bool HasExited => _process.HasExited;

    /// <summary>CPU time it has used so far, in clock ticks (utime + stime from /proc/PID/stat); above 0 once it runs.</summary>
    public long CpuTicks()
    {
        var stat = File.ReadAllText($"/proc/{Pid}/stat");
        // Fields after the parenthesised command name: state is field 3, utime 14, stime 15.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }

    public static BusyProcess Start(int cpu) =>
        new(ChildProcess.Start($"busy-{cpu}", Requirements.Taskset(), ["-c", cpu.ToString(CultureInfo.InvariantCulture), "sh", "-c", "while :; do :; done"]));

    public void Dispose() => _process.Dispose();
}
