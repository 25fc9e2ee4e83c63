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

    public static Dictionary<string, string> Parse(Workload workload, IEnumerable<string> arguments) =>
        Parse(workload, arguments, new Dictionary<string, string>(StringComparer.Ordinal));

    /// <summary>
    /// Parses the arguments and compiles the workload's plan from them. A refusal of a value read from a file names
    /// the file and the line (<c>c17.bench:3: …</c>) instead of echoing the file's content.
    /// </summary>
    public static (Dictionary<string, string> Raw, WorkloadPlan Plan) ParseAndPlan(Workload workload, IEnumerable<string> arguments)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        var raw = Parse(workload, arguments, files);
        try
        {
            return (raw, workload.Plan(raw));
        }
        catch (InvalidParameterException e) when (e.File is null && files.TryGetValue(e.Parameter, out var path))
        {
            throw e.InFile(path);
        }
    }

    private static Dictionary<string, string> Parse(Workload workload, IEnumerable<string> arguments, Dictionary<string, string> files)
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
                var path = value[1..];
                value = ParameterFile.Read(workload.Name, name, path, MaxFileBytes);
                files[name] = path;
            }

            if (!raw.TryAdd(name, value))
            {
                throw new CliException(ExitCodes.Usage, $"--set {InvalidParameterException.Printable(name)} is given twice; give each parameter once");
            }
        }

        return raw;
    }
}
