using System.Text;

namespace SerialCluster.Cli.Tests;

/// <summary>A text writer another thread may read while the CLI writes to it: tests wait on a line appearing.</summary>
public sealed class WatchedWriter : TextWriter
{
    private readonly StringBuilder _text = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (_text)
        {
            _text.Append(value);
        }
    }

    public override void Write(string? value)
    {
        lock (_text)
        {
            _text.Append(value);
        }
    }

    public override string ToString()
    {
        lock (_text)
        {
            return _text.ToString();
        }
    }

    /// <summary>Waits until the text contains <paramref name="expected"/>; fails after <paramref name="deadline"/> naming what it waited for.</summary>
    public async Task WaitForAsync(string expected, TimeSpan deadline)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!ToString().Contains(expected, StringComparison.Ordinal))
        {
            if (clock.Elapsed > deadline)
            {
                throw new TimeoutException($"stderr did not show '{expected}' within {deadline.TotalSeconds:F0} s; it has:\n{this}");
            }

            await Task.Delay(20);
        }
    }
}
