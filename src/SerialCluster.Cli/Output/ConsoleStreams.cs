using Spectre.Console;

namespace SerialCluster.Cli.Output;

/// <summary>
/// Where text goes: results to stdout, everything a human reads while waiting (progress, notes) to stderr,
/// so <c>--json</c> output can be piped. Tests swap both for in-memory writers.
/// </summary>
public sealed class ConsoleStreams(IAnsiConsole stdout, IAnsiConsole stderr, bool stderrIsTerminal)
{
    /// <summary>The width tests render stdout at, as a wide terminal would be.</summary>
    public const int RedirectedWidth = 160;

    /// <summary>Redirected stdout's width: a table in a log or a pipe is drawn whole, however many columns it has.</summary>
    public const int RedirectedOutputWidth = 4096;

    /// <summary>Redirected stderr's width: wide enough that no message is wrapped.</summary>
    public const int RedirectedErrorWidth = 4096;

    public IAnsiConsole Out { get; } = stdout;

    public IAnsiConsole Error { get; } = stderr;

    /// <summary>Draw a live progress bar (only on an interactive terminal).</summary>
    public bool ErrorIsTerminal { get; } = stderrIsTerminal;

    public static ConsoleStreams System()
    {
        var stdout = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        var stderr = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        // Redirected output has no width: tables and lines are written whole, never wrapped at 80 columns in a log or a pipe.
        if (Console.IsOutputRedirected)
        {
            stdout.Profile.Width = RedirectedOutputWidth;
        }

        // An error is one line, also in a log or a pipe: a script reading it must not get it in pieces.
        if (Console.IsErrorRedirected)
        {
            stderr.Profile.Width = RedirectedErrorWidth;
        }

        return new ConsoleStreams(stdout, stderr, !Console.IsErrorRedirected && stderr.Profile.Capabilities.Interactive);
    }

    /// <summary>
    /// An error: one line on stderr, never wrapped, whatever the terminal's width, so a script or a log gets it whole.
    /// Only the short prefix goes through the console's layout (for its colour); the message is written as it is.
    /// </summary>
    public void SayError(string message)
    {
        Error.Markup("[red]error:[/] ");
        Error.Profile.Out.Writer.WriteLine(message.ReplaceLineEndings(" "));
        Error.Profile.Out.Writer.Flush();
    }

    /// <summary>A line for a human, on stderr.</summary>
    public void Say(string text) => Error.MarkupLineInterpolated($"[grey]{text}[/]");
}
