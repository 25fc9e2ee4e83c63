using System.Diagnostics;
using SerialCluster.Workloads.Hashing;

namespace SerialCluster.Workloads.Calibration;

/// <summary>
/// The fixed serial kernel every silo measures itself with, in steps per second: the chain step x ← SHA-256(x) of
/// <see cref="Sha256Chain"/> (what <c>hashchain</c> runs). Each step needs the one before, so one thread's rate is the
/// core's serial speed, and the 32-byte state makes it compute, not memory bandwidth. The rate reflects the machine's
/// <see cref="Sha256Chain.Implementation"/>, exactly as a chain there would.
/// </summary>
public static class CalibrationKernel
{
    /// <summary>What the scores count.</summary>
    public const string Unit = "SHA-256 chain steps/s";

    /// <summary>The shortest measurement that is accepted (the issue asks for at least 200 ms of work).</summary>
    public static readonly TimeSpan MinimumDuration = TimeSpan.FromMilliseconds(200);

    // Well under a millisecond of work on either SHA-256 path: the clock is read rarely enough to cost nothing and
    // often enough to stop within a millisecond of the deadline.
    private const int ChunkSteps = 1024;

    // The single-thread score is the median of this many equal slices, so a slice in which the thread was
    // preempted (a JIT thread, a GC, another process) does not move it.
    private const int Slices = 5;

    /// <summary>
    /// One thread's rate on the chain: a short warm-up (a fifth of <paramref name="duration"/>, not counted, so
    /// tiered JIT has produced optimised code), then <paramref name="duration"/> of measured work in five slices;
    /// the median slice's steps per second.
    /// </summary>
    public static double MeasureSingleThread(TimeSpan duration, CancellationToken cancellationToken = default)
    {
        CheckDuration(duration);
        var state = Seed();
        Run(state, duration / Slices, cancellationToken);
        var rates = new double[Slices];
        for (var i = 0; i < Slices; i++)
        {
            var (steps, seconds) = Run(state, duration / Slices, cancellationToken);
            rates[i] = steps / seconds;
        }

        Array.Sort(rates);
        return rates[Slices / 2];
    }

    /// <summary>
    /// The total rate of <paramref name="threads"/> threads running the chain at once (each its own chain), for
    /// <paramref name="duration"/> after a common warm-up: Σ steps over the longest thread's measured time.
    /// </summary>
    public static double MeasureAllCore(int threads, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        CheckDuration(duration);
        var steps = new long[threads];
        var seconds = new double[threads];
        var failures = new Exception?[threads];
        using var start = new Barrier(threads);
        var workers = new Thread[threads];
        for (var t = 0; t < threads; t++)
        {
            var index = t;
            workers[t] = new Thread(() =>
            {
                try
                {
                    var state = Seed();
                    state[0] = (byte)index;
                    Run(state, duration / Slices, cancellationToken);
                    start.SignalAndWait(cancellationToken);
                    (steps[index], seconds[index]) = Run(state, duration, cancellationToken);
                }
                catch (Exception e)
                {
                    failures[index] = e;
                }
            })
            {
                IsBackground = true,
                Name = $"calibration-{index}",
            };
            workers[t].Start();
        }

        foreach (var worker in workers)
        {
            worker.Join();
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (failures.FirstOrDefault(f => f is not null) is { } failure)
        {
            throw new InvalidOperationException("A calibration thread failed.", failure);
        }

        return steps.Sum() / seconds.Max();
    }

    private static (long Steps, double Seconds) Run(byte[] state, TimeSpan length, CancellationToken cancellationToken)
    {
        long steps = 0;
        var start = Stopwatch.GetTimestamp();
        var end = start + (long)(length.TotalSeconds * Stopwatch.Frequency);
        long now;
        do
        {
            Sha256Chain.Iterate(state, ChunkSteps);
            steps += ChunkSteps;
            cancellationToken.ThrowIfCancellationRequested();
            now = Stopwatch.GetTimestamp();
        }
        while (now < end);

        return (steps, (double)(now - start) / Stopwatch.Frequency);
    }

    private static byte[] Seed()
    {
        var state = new byte[32];
        for (var i = 0; i < state.Length; i++)
        {
            state[i] = (byte)(0xA5 ^ i);
        }

        return state;
    }

    private static void CheckDuration(TimeSpan duration)
    {
        if (duration < MinimumDuration)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, $"a calibration runs for at least {MinimumDuration.TotalMilliseconds:F0} ms");
        }
    }
}
