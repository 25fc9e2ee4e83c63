using SerialCluster.Cli;
using SerialCluster.Cli.Output;
using Spectre.Console;

namespace SerialCluster.Cli.Tests;

/// <summary>Runs the real CLI in this process with stdout and stderr captured.</summary>
public static class CliHarness
{
    public static async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var console = new ConsoleStreams(Create(stdout), Create(stderr), stderrIsTerminal: false);
        var code = await CliApplication.RunAsync(args, console, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static IAnsiConsole Create(TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = ConsoleStreams.RedirectedWidth;
        return console;
    }
}
