using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace SerialCluster.Cli.Infrastructure;

/// <summary>The logs <c>--verbose</c> shows (an embedded silo's, the client's): one line each, always on stderr.</summary>
public static class VerboseLogging
{
    /// <summary>
    /// Adds the console logger at Information and above, every level to stderr: stdout carries only the command's
    /// result, so <c>--json --verbose</c> still prints exactly one JSON document there.
    /// </summary>
    public static ILoggingBuilder AddVerboseConsole(this ILoggingBuilder logging)
    {
        logging.AddSimpleConsole(o => o.SingleLine = true).AddFilter(level => level >= LogLevel.Information);
        logging.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        return logging;
    }
}
