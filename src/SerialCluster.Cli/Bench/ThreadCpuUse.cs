namespace SerialCluster.Cli.Bench;

/// <summary>
/// One group of this process's threads (by the name the kernel shows for them) over a measured interval: seconds on
/// a CPU, seconds runnable but waiting for one (time the scheduler gave to something else), and how many threads.
/// </summary>
public sealed record ThreadCpuUse(string Group, double CpuSeconds, double WaitSeconds, int Threads);
