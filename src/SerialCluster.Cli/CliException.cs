namespace SerialCluster.Cli;

/// <summary>A failure the CLI reports as one line and a specific exit code, without a stack trace.</summary>
public sealed class CliException(int exitCode, string message, Exception? inner = null) : Exception(message, inner)
{
    public int ExitCode { get; } = exitCode;
}
