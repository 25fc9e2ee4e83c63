using SerialCluster.Cli.Forwarding;
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

    /// <summary>A terminal's width where it reports none (as Spectre assumes).</summary>
    public const int DefaultTerminalWidth = 80;

    /// <summary>Redirected stderr's width: wide enough that no message is wrapped.</summary>
    public const int RedirectedErrorWidth = 4096;

    public IAnsiConsole Out { get; } = stdout;

    public IAnsiConsole Error { get; } = stderr;

    /// <summary>Draw a live progress bar (only on an interactive terminal).</summary>
    public bool ErrorIsTerminal { get; } = stderrIsTerminal;

    /// <summary>A person can answer a prompt: standard input is a terminal.</summary>
    public bool InputIsTerminal { get; init; } = !Console.IsInputRedirected;

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
    /// The consoles of a command a command server runs for a client: drawn for the client's terminal (or its pipes), as
    /// <see cref="System"/> would draw them in the client's own process, and asking the client's keyboard.
    /// </summary>
    public static ConsoleStreams ForClient(
        TextWriter stdout, TextWriter stderr, IAnsiConsoleInput input, bool stdoutIsTerminal, bool stderrIsTerminal, bool inputIsTerminal, int width)
    {
        IAnsiConsole Create(TextWriter writer, bool terminal, int redirectedWidth)
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(writer),
                Ansi = terminal ? AnsiSupport.Yes : AnsiSupport.No,
                ColorSystem = terminal ? ColorSystemSupport.Standard : ColorSystemSupport.NoColors,
                Interactive = terminal && inputIsTerminal ? InteractionSupport.Yes : InteractionSupport.No,
            });
            console.Profile.Width = terminal ? (width > 0 ? width : DefaultTerminalWidth) : redirectedWidth;
            return new ConsoleWithInput(console, input);
        }

        var stdoutConsole = Create(stdout, stdoutIsTerminal, RedirectedOutputWidth);
        return new ConsoleStreams(stdoutConsole, Create(stderr, stderrIsTerminal, RedirectedErrorWidth), stderrIsTerminal)
        {
            InputIsTerminal = inputIsTerminal,
        };
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
