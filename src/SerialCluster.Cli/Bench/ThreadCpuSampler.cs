using System.Globalization;

namespace SerialCluster.Cli.Bench;

/// <summary>
/// Where this process's CPU time went while something ran: each thread's time on a CPU, time waiting for one, and times put on one
/// (/proc/self/task/*/schedstat), read every <see cref="Interval"/> so threads that end early (a task lane's thread lingers 50 ms after its last batch)
/// still count; and the machine's busy, idle and steal time (<see cref="SystemCpuTimes"/>). Linux only; elsewhere it reports nothing.
/// </summary>
public sealed class ThreadCpuSampler : IDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    private readonly Dictionary<int, (string Name, long Cpu, long Wait, long Slices)> _atStart;
    private readonly Dictionary<int, (string Name, long Cpu, long Wait, long Slices)> _latest = [];
    private readonly SystemCpuTimes _systemAtStart;
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _stop = new();
    private SystemCpuTimes _systemAtEnd;
    private bool _stopped;

    private ThreadCpuSampler()
    {
        _atStart = Read();
        _systemAtStart = SystemCpuTimes.Now();
        _thread = new Thread(Sample) { IsBackground = true, Name = "cpu-sampler" };
        _thread.Start();
    }

    /// <summary>Whether this machine exposes per-thread scheduler figures.</summary>
    public static bool Available => File.Exists("/proc/self/schedstat");

    public static ThreadCpuSampler Start() => new();

    /// <summary>The machine over the interval: busy, idle and steal seconds summed over its CPUs.</summary>
    public SystemCpuTimes System => _systemAtEnd - _systemAtStart;

    /// <summary>Stops sampling and returns each thread group's use over the interval, the largest first.</summary>
    public IReadOnlyList<ThreadCpuUse> Stop()
    {
        if (!_stopped)
        {
            _stopped = true;
            _stop.Set();
            _thread.Join();
            Merge(Read());
            _systemAtEnd = SystemCpuTimes.Now();
        }

        return _latest
            .Select(t =>
            {
                var start = _atStart.TryGetValue(t.Key, out var s) && s.Name == t.Value.Name ? s : (t.Value.Name, Cpu: 0L, Wait: 0L, Slices: 0L);
                return (
                    Group: GroupOf(t.Value.Name),
                    Cpu: (t.Value.Cpu - start.Cpu) * 1e-9,
                    Wait: (t.Value.Wait - start.Wait) * 1e-9,
                    Slices: t.Value.Slices - start.Slices);
            })
            .Where(t => t.Cpu > 0 || t.Wait > 0 || t.Slices > 0)
            .GroupBy(t => t.Group, StringComparer.Ordinal)
            .Select(g => new ThreadCpuUse(g.Key, g.Sum(t => t.Cpu), g.Sum(t => t.Wait), g.Count(), g.Sum(t => t.Slices)))
            .OrderByDescending(g => g.CpuSeconds)
            .ToList();
    }

    public void Dispose()
    {
        Stop();
        _stop.Dispose();
    }

    /// <summary>
    /// The kernel keeps 15 characters of a thread's name: ".NET Long Running Task" arrives as ".NET Long Runni".
    /// Groups say what the runtime's threads do here.
    /// </summary>
    public static string GroupOf(string name) => name switch
    {
        _ when name.StartsWith(".NET Long Runn", StringComparison.Ordinal) => "task lanes (long-running threads: the kernels of batched stages)",
        _ when name.StartsWith(".NET TP Worker", StringComparison.Ordinal) => "thread pool (Orleans' scheduler and messaging, coordinators, unbatched tasks)",
        _ when name.StartsWith(".NET Server GC", StringComparison.Ordinal) || name.StartsWith(".NET BGC", StringComparison.Ordinal) => "garbage collector",
        _ when name.StartsWith(".NET Tiered Com", StringComparison.Ordinal) => "JIT (tiered compilation)",
        _ when name.StartsWith(".NET Sockets", StringComparison.Ordinal) => "socket event loop",
        _ when name.StartsWith("bare-", StringComparison.Ordinal) => "bare loop threads",
        "cpu-sampler" => "this sampler",
        _ => "other threads",
    };

    private void Sample()
    {
        while (!_stop.Wait(Interval))
        {
            Merge(Read());
        }
    }

    private void Merge(Dictionary<int, (string Name, long Cpu, long Wait, long Slices)> now)
    {
        foreach (var (tid, figures) in now)
        {
            _latest[tid] = figures;
        }
    }

    private static Dictionary<int, (string Name, long Cpu, long Wait, long Slices)> Read()
    {
        var threads = new Dictionary<int, (string, long, long, long)>();
        string[] directories;
        try
        {
            directories = Directory.GetDirectories("/proc/self/task");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return threads;
        }

        foreach (var directory in directories)
        {
            try
            {
                var fields = File.ReadAllText(Path.Combine(directory, "schedstat")).Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var name = File.ReadAllText(Path.Combine(directory, "comm")).TrimEnd('\n');
                threads[int.Parse(Path.GetFileName(directory), CultureInfo.InvariantCulture)] =
                    (name, long.Parse(fields[0], CultureInfo.InvariantCulture), long.Parse(fields[1], CultureInfo.InvariantCulture),
                    long.Parse(fields[2], CultureInfo.InvariantCulture));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
            {
                // The thread ended between the listing and the read: its last sample stands.
            }
        }

        return threads;
    }
}
