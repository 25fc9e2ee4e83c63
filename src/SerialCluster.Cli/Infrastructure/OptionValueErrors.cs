using System.Text.RegularExpressions;

namespace SerialCluster.Cli.Infrastructure;

/// <summary>
/// Rewrites the command-line parser's conversion failures ("Failed to convert 'abc' to Int32.") into one line that
/// names the option, the value and what the option takes: the parser's own text names neither the option nor what is allowed.
/// </summary>
public static partial class OptionValueErrors
{
    /// <summary>What the parser puts in place of the value when an option at the end of the line has none.</summary>
    private const string MissingValue = "__default_command";

    /// <summary>The one-line error for a parser <paramref name="message"/> about <paramref name="args"/>; null when it is not a conversion failure.</summary>
    public static string? Describe(string message, IReadOnlyList<string> args)
    {
        var match = ConversionFailure().Match(message);
        if (!match.Success)
        {
            return null;
        }

        var value = match.Groups["value"].Value;
        var takes = Takes(match.Groups["type"].Value);
        if (value == MissingValue)
        {
            var last = args.LastOrDefault(a => a.StartsWith('-'));
            return last is null ? $"an option needs a value: {takes}" : $"{last} needs a value: {takes}";
        }

        var option = OptionOf(value, args);
        return option is null
            ? $"'{value}' is not {takes}"
            : $"{option} '{value}' is not {takes} (`--help` describes the option)";
    }

    private static string? OptionOf(string value, IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == value && i > 0 && args[i - 1].StartsWith('-'))
            {
                return args[i - 1];
            }

            if (args[i].StartsWith('-') && args[i].EndsWith("=" + value, StringComparison.Ordinal))
            {
                return args[i][..^(value.Length + 1)];
            }
        }

        return null;
    }

    private static string Takes(string type) => type switch
    {
        "Int32" or "Int64" or "Int16" or "UInt32" or "UInt64" => "an integer",
        "Double" or "Single" or "Decimal" or "Nullable`1" => "a number",
        "Boolean" => "true or false",
        "TimeSpan" => "a duration",
        _ => $"a value of type {type}",
    };

    [GeneratedRegex(@"^Failed to convert '(?<value>.*)' to (?<type>[A-Za-z0-9`]+)\.?", RegexOptions.Singleline)]
    private static partial Regex ConversionFailure();
}
