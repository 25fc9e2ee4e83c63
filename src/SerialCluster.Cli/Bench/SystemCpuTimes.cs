using System.Globalization;

namespace SerialCluster.Cli.Bench;

/// <summary>
/// The whole machine's CPU time from the first line of /proc/stat, in seconds summed over all CPUs: busy (user,
/// nice, system, irq, softirq), idle (idle, iowait), and steal (time the hypervisor ran something else on this
/// VM's virtual CPUs). Zeros where /proc is absent.
/// </summary>
public readonly record struct SystemCpuTimes(double Busy, double Idle, double Steal)
{
    public static SystemCpuTimes Now()
    {
        try
        {
            var line = File.ReadLines("/proc/stat").First();
            var ticks = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
                .Select(v => long.Parse(v, CultureInfo.InvariantCulture) / (double)ClockTicksPerSecond).ToArray();
            double At(int i) => i < ticks.Length ? ticks[i] : 0;
            return new SystemCpuTimes(At(0) + At(1) + At(2) + At(5) + At(6), At(3) + At(4), At(7));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or InvalidOperationException)
        {
            return default;
        }
    }

    /// <summary>USER_HZ: /proc/stat counts in these on every Linux the runtime supports.</summary>
    public const int ClockTicksPerSecond = 100;

    public static SystemCpuTimes operator -(SystemCpuTimes a, SystemCpuTimes b) => new(a.Busy - b.Busy, a.Idle - b.Idle, a.Steal - b.Steal);
}
