using System.Diagnostics;

namespace SerialCluster.Integration.Tests.Infrastructure;

/// <summary>Waits on a condition with a deadline; the timeout message says what it waited for.</summary>
public static class Poll
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    /// <summary>Calls <paramref name="probe"/> until it returns a value, or throws <see cref="TimeoutException"/> naming <paramref name="what"/>.</summary>
    public static async Task<T> UntilAsync<T>(string what, TimeSpan deadline, Func<Task<T?>> probe)
        where T : class
    {
        return await TryUntilAsync(deadline, probe)
            ?? throw new TimeoutException($"timed out after {deadline.TotalSeconds:F0} s waiting for {what}");
    }

    /// <summary>Calls <paramref name="probe"/> until it returns a value; null once the deadline passes.</summary>
    public static async Task<T?> TryUntilAsync<T>(TimeSpan deadline, Func<Task<T?>> probe)
        where T : class
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await probe();
            if (value is not null)
            {
                return value;
            }

            if (clock.Elapsed > deadline)
            {
                return null;
            }

            await Task.Delay(Interval);
        }
    }
}
