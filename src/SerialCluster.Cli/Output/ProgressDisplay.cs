using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace SerialCluster.Cli.Output;

/// <summary>
/// Shows a job's progress in its own units: a live bar on an interactive terminal, otherwise a plain line
/// on stderr every few seconds (and at each tenth), which reads well in CI logs and pipes. Both show the rate and the
/// time left: from the rate measured since the first progress, or before any from the job's prediction, when given.
/// </summary>
public static class ProgressDisplay
{
    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(2);

    // Beside the description: the bar, the percentage (5), the clock (8) and the gaps between them (3).
    private const int FixedColumns = 16;

    /// <summary>Runs <paramref name="work"/>, giving it a callback (units done, units total, unit) that updates the display.</summary>
    public static async Task<T> ShowAsync<T>(
        ConsoleStreams console, string label, Func<Action<long, long, string>, Task<T>> work, double? predictedSeconds = null)
    {
        var pace = new ProgressPace(predictedSeconds);
        if (console.ErrorIsTerminal)
        {
            T result = default!;
            var barWidth = console.Error.Profile.Width < 120 ? 16 : 40;
            await console.Error.Progress()
                .AutoClear(true)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn { Width = barWidth }, new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(async context =>
                {
                    var bar = context.AddTask(Markup.Escape(label), maxValue: 1);
                    result = await work((done, total, unit) =>
                    {
                        pace.Observe(done, total);
                        bar.MaxValue = Math.Max(1, total);
                        bar.Value = Math.Min(done, total);
                        var culture = CultureInfo.InvariantCulture;
                        var counts = $"{label} {done.ToString("N0", culture)}/{total.ToString("N0", culture)} {unit}";
                        // A description too long for the line would fold the bar's columns: drop the counts, then the pace.
                        var room = console.Error.Profile.Width - FixedColumns - barWidth;
                        string[] descriptions =
                        [
                            counts + pace.Describe(unit), counts + pace.DescribeLeft(), label + pace.Describe(unit), label + pace.DescribeLeft(), counts, label,
                        ];
                        var description = descriptions.FirstOrDefault(d => d.Length <= room) ?? label;
                        bar.Description = Markup.Escape(description);
                    });
                });
            return result;
        }

        var started = Stopwatch.StartNew();
        var lastPrint = TimeSpan.Zero;
        var lastTenth = -1L;
        return await work((done, total, unit) =>
        {
            pace.Observe(done, total);
            var tenth = total > 0 ? done * 10 / total : 0;
            if (started.Elapsed - lastPrint < PlainInterval && tenth == lastTenth)
            {
                return;
            }

            lastPrint = started.Elapsed;
            lastTenth = tenth;
            var percent = total > 0 ? 100.0 * done / total : 0;
            console.Error.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{label}: {percent,5:F1}% ({done:N0} of {total:N0} {unit}) after {started.Elapsed.TotalSeconds:F1} s{pace.Describe(unit)}"));
        });
    }
}
