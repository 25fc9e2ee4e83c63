using SerialCluster.Workloads.Parameters;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Cli.Jobs;

/// <summary>
/// Turns <c>--set name=value</c> arguments into raw parameter text. <c>name=@path</c> reads the file here, on
/// the client: silos never see client paths. Every check the kernels make runs here too, before any cluster starts.
/// </summary>
public static class ParameterArguments
{
    /// <summary>The largest file a parameter may be read from.</summary>
    public const long MaxFileBytes = 64L * 1024 * 1024;

    public static Dictionary<string, string> Parse(Workload workload, IEnumerable<string> arguments)
    {
        var raw = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var argument in arguments)
        {
            var equals = argument.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new CliException(ExitCodes.Usage, $"--set '{InvalidParameterException.Printable(argument)}' is not NAME=VALUE; e.g. --set steps=1000");
            }

            var name = argument[..equals].Trim();
            var value = argument[(equals + 1)..];
            var spec = workload.Parameters.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal))
                ?? throw new InvalidParameterException(
                    ParameterErrorKind.Unknown, workload.Name, name, value, string.Join(", ", workload.Parameters.Select(p => p.Name)));
            if (value.StartsWith('@') && spec.AcceptsFile)
            {
                value = ReadFile(workload.Name, name, value[1..]);
            }

            if (!raw.TryAdd(name, value))
            {
                throw new CliException(ExitCodes.Usage, $"--set {InvalidParameterException.Printable(name)} is given twice; give each parameter once");
            }
        }

        return raw;
    }

    private static string ReadFile(string workload, string parameter, string path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new InvalidParameterException(
                ParameterErrorKind.Malformed,
                workload,
                parameter,
                "@" + path,
                "@ followed by a file's path, e.g. @circuit.bench");
        }

        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new InvalidParameterException(ParameterErrorKind.Malformed, workload, parameter, "@" + path, "a readable file (no such file)");
            }

            if (info.Length > MaxFileBytes)
            {
                throw new InvalidParameterException(
                    ParameterErrorKind.OutOfRange,
                    workload,
                    parameter,
                    "@" + path,
                    $"a file of at most {MaxFileBytes:N0} bytes (it has {info.Length:N0})");
            }

            var text = File.ReadAllText(path);
            // An empty or blank file is never what was meant: a parameter left out takes its default, a file never does.
            return string.IsNullOrWhiteSpace(text)
                ? throw new InvalidParameterException(
                    ParameterErrorKind.Malformed,
                    workload,
                    parameter,
                    "@" + path,
                    $"a file with content ({path} has {info.Length:N0} bytes, all of them blank)")
                : text;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new InvalidParameterException(ParameterErrorKind.Malformed, workload, parameter, "@" + path, $"a readable file ({e.Message})");
        }
    }
}
