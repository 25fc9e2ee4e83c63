using System.Globalization;
using System.Runtime.InteropServices;

namespace SerialCluster.Cli.Local;

/// <summary>
/// A process known by PID only (not a child of this one): is it still the same process, and signals to it. Identity is
/// the PID with its start time from <c>/proc/PID/stat</c>, so a PID the kernel gave to a later process is never signalled.
/// </summary>
public static class UnixProcess
{
    public const int SigTerm = 15;
    public const int SigKill = 9;

    /// <summary>This process's start time in clock ticks since boot; 0 where <c>/proc</c> cannot tell.</summary>
    public static long CurrentStartTicks => StartTicks(Environment.ProcessId) ?? 0;

    /// <summary>Whether PID <paramref name="pid"/> runs and started at <paramref name="startTicks"/> (0: any start time).</summary>
    public static bool IsRunning(int pid, long startTicks) =>
        pid > 0 && StartTicks(pid) is { } ticks && (startTicks == 0 || ticks == startTicks);

    /// <summary>
    /// The start time of a running process in clock ticks since boot; null when there is none (gone, or a zombie: it ended
    /// and waits for its parent to read its exit status).
    /// </summary>
    public static long? StartTicks(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // "PID (COMMAND) STATE PPID …": the command may hold spaces and parentheses, so fields are counted after the last ')'.
        var fields = text[(text.LastIndexOf(')') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        const int stateField = 0;
        const int startTimeField = 19;
        if (fields.Length <= startTimeField || fields[stateField] is "Z" or "X")
        {
            return null;
        }

        return long.TryParse(fields[startTimeField], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) ? ticks : null;
    }

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/>; false when it is gone or may not be signalled by this user.</summary>
    public static bool Signal(int pid, int signal) => pid > 0 && Kill(pid, signal) == 0;

    /// <summary>Makes this process the leader of a new session, without a terminal: a closed terminal or its Ctrl+C no longer reaches it.</summary>
    public static void LeaveTerminalSession()
    {
        if (!OperatingSystem.IsWindows())
        {
            // Fails only for a process that already leads a process group, which is then detached enough.
            _ = SetSid();
        }
    }

    [DllImport("libc", EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);

    [DllImport("libc", EntryPoint = "setsid")]
    private static extern int SetSid();
}
