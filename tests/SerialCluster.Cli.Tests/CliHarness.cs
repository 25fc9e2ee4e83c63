using SerialCluster.Cli;
using SerialCluster.Cli.Output;
using Spectre.Console;

namespace SerialCluster.Cli.Tests;

/// <summary>Runs the real CLI in this process with stdout and stderr captured.</summary>
public static class CliHarness
{
    public static Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args) =>
        RunAsync(ConsoleStreams.RedirectedWidth, CancellationToken.None, null, args);

    /// <summary>Runs the CLI with its stdout <paramref name="width"/> columns wide, as a terminal of that width would be.</summary>
    public static Task<(int Code, string Stdout, string Stderr)> RunAtWidthAsync(int width, params string[] args) =>
        RunAsync(width, CancellationToken.None, null, args);

    /// <summary>
    /// Runs the CLI with <paramref name="cancellationToken"/> as its Ctrl+C, writing stderr to <paramref name="stderr"/>
    /// (when given) so a test can watch it while the command runs.
    /// </summary>
    public static async Task<(int Code, string Stdout, string Stderr)> RunAsync(
        int width, CancellationToken cancellationToken, WatchedWriter? stderr, params string[] args)
    {
        var stdout = new StringWriter();
        var errors = stderr ?? new WatchedWriter();
        var console = new ConsoleStreams(Create(stdout, width), Create(errors, ConsoleStreams.RedirectedWidth), stderrIsTerminal: false);
        var code = await CliApplication.RunAsync(args, console, cancellationToken);
        return (code, stdout.ToString(), errors.ToString());
    }

    private static IAnsiConsole Create(TextWriter writer, int width)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = width;
        return console;
    }
}
