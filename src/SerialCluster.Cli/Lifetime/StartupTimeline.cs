using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace SerialCluster.Cli.Lifetime;

/// <summary>
/// What a command has done since its process started, phase by phase, for <c>--verbose</c>. Times count from the
/// process's start as the kernel records it, so the runtime's own start is included. One timeline per command
/// invocation (<see cref="Begin"/>), carried by the async flow, so commands run side by side in one process (tests)
/// keep theirs apart; a mark outside any command is dropped.
/// </summary>
public sealed class StartupTimeline
{
    private static readonly AsyncLocal<StartupTimeline?> Current = new();
    private static readonly Stopwatch SinceFirstRead = Stopwatch.StartNew();
    private static readonly TimeSpan AgeAtFirstRead = ProcessAge();

    private readonly ConcurrentQueue<(string Phase, TimeSpan At)> _marks = new();

    /// <summary>Added to this process's clock: a forwarded command's marks count from its client's process start.</summary>
    private readonly TimeSpan _shift;

    private StartupTimeline(TimeSpan shift = default) => _shift = shift;

    /// <summary>Time since the process started.</summary>
    public static TimeSpan Now => AgeAtFirstRead + SinceFirstRead.Elapsed;

    /// <summary>Starts the timeline of the command this async flow runs, with its first mark.</summary>
    public static void Begin(string phase)
    {
        Current.Value = new StartupTimeline();
        Mark(phase);
    }

    /// <summary>
    /// Goes on with the timeline of a command another process began (a command server running a client's command):
    /// its <paramref name="marks"/> so far, and its process's age now, <paramref name="clientAge"/>.
    /// </summary>
    public static void Continue(IEnumerable<(string Phase, TimeSpan At)> marks, TimeSpan clientAge)
    {
        var timeline = new StartupTimeline(clientAge - Now);
        foreach (var mark in marks)
        {
            timeline._marks.Enqueue(mark);
        }

        Current.Value = timeline;
    }

    /// <summary>True where a timeline was begun or continued in this async flow.</summary>
    public static bool IsRunning => Current.Value is not null;

    /// <summary>Records that <paramref name="phase"/> of the current command has just ended.</summary>
    public static void Mark(string phase)
    {
        if (Current.Value is { } timeline)
        {
            timeline._marks.Enqueue((phase, Now + timeline._shift));
        }
    }

    /// <summary>The current command's marks with their times, as <see cref="Continue"/> takes them.</summary>
    public static IReadOnlyList<(string Phase, TimeSpan At)> Marks() => [.. Current.Value?._marks ?? Enumerable.Empty<(string, TimeSpan)>()];

    /// <summary>The current command's marks in order, each with the time since the one before (the first: since process start).</summary>
    public static IReadOnlyList<(string Phase, TimeSpan At, TimeSpan Took)> Phases()
    {
        var phases = new List<(string, TimeSpan, TimeSpan)>();
        var previous = TimeSpan.Zero;
        foreach (var (phase, at) in Current.Value?._marks.OrderBy(m => m.At) ?? Enumerable.Empty<(string, TimeSpan)>())
        {
            phases.Add((phase, at, at - previous));
            previous = at;
        }

        return phases;
    }

    /// <summary>One line per phase: its end in milliseconds since process start and what it took.</summary>
    public static IEnumerable<string> Describe() =>
        Phases().Select(p => string.Create(
            CultureInfo.InvariantCulture, $"  {p.At.TotalMilliseconds,7:F0} ms  (+{p.Took.TotalMilliseconds,5:F0})  {p.Phase}"));

    private static TimeSpan ProcessAge()
    {
        try
        {
            using var self = Process.GetCurrentProcess();
            var age = DateTime.Now - self.StartTime;
            return age > TimeSpan.Zero ? age : TimeSpan.Zero;
        }
        catch (InvalidOperationException)
        {
            return TimeSpan.Zero; // no start time to read: count from the first mark
        }
    }
}
