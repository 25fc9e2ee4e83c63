namespace SerialCluster.Cli.Bench;

/// <summary>
/// One group of this process's threads (by the name the kernel shows for them) over a measured interval: seconds on
/// a CPU, seconds runnable but waiting for one (time the scheduler gave to something else), how many threads, and how
/// many times the scheduler put one of them on a CPU (each wake-up of a blocked thread is one, and so is each return
/// after preemption).
/// </summary>
public sealed record ThreadCpuUse(string Group, double CpuSeconds, double WaitSeconds, int Threads, long Dispatches);
