using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Spectre.Console.Cli;

namespace SerialCluster.Cli.Infrastructure;

/// <summary>
/// Rewrites the command-line parser's conversion failures ("Failed to convert 'abc' to Int32.") into one line that
/// names the option, the value and what the option takes: the parser's own text names neither the option nor what is
/// allowed. And finds an option left without its value, which the parser would fill with a placeholder of its own.
/// </summary>
public static partial class OptionValueErrors
{
    /// <summary>What the parser puts in place of the value when an option at the end of the line has none.</summary>
    private const string Placeholder = "__default_command";

    /// <summary>Every option that takes a value (and is a flag in no command), by its name as typed, with what it takes.</summary>
    private static readonly Lazy<Dictionary<string, string>> ValueOptions = new(FindValueOptions);

    /// <summary>
    /// The one-line error for an option that takes a value but has none (last on the line, or followed by another
    /// option); null when every such option has one. Help requests are left to the parser.
    /// </summary>
    public static string? MissingValue(IReadOnlyList<string> args)
    {
        if (args.Any(a => a is "-h" or "--help" or "-?"))
        {
            return null;
        }

        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--")
            {
                return null;
            }

            if (ValueOptions.Value.TryGetValue(args[i], out var valueName) && (i + 1 == args.Count || IsOption(args[i + 1])))
            {
                var command = string.Join(' ', args.Take(args.Count > 1 && args[0] == "jobs" ? 2 : 1).TakeWhile(a => !a.StartsWith('-')));
                return $"{args[i]} needs a value, {valueName}; `serialcluster {command} --help` describes it";
            }
        }

        return null;
    }

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
        if (value == Placeholder)
        {
            var last = args.LastOrDefault(a => a.StartsWith('-'));
            return last is null ? $"an option needs a value: {takes}" : $"{last} needs a value: {takes}";
        }

        var option = OptionOf(value, args);
        return option is null
            ? $"'{value}' is not {takes}"
            : $"{option} '{value}' is not {takes} (`--help` describes the option)";
    }

    /// <summary>An option rather than a value: it starts with '-' and is not a negative number (<c>--parallelism -2</c>).</summary>
    private static bool IsOption(string arg) => arg.StartsWith('-') && !double.TryParse(arg, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    private static Dictionary<string, string> FindValueOptions()
    {
        var options = typeof(OptionValueErrors).Assembly.GetTypes()
            .Where(t => typeof(CommandSettings).IsAssignableFrom(t))
            .SelectMany(t => t.GetProperties())
            .Select(p => p.GetCustomAttribute<CommandOptionAttribute>())
            .OfType<CommandOptionAttribute>()
            .SelectMany(o => o.LongNames.Select(n => "--" + n).Concat(o.ShortNames.Select(n => "-" + n)).Select(name => (name, o)))
            .ToList();
        var flags = options.Where(x => x.o.ValueName is null || x.o.ValueIsOptional).Select(x => x.name).ToHashSet(StringComparer.Ordinal);
        return options
            .Where(x => x.o.ValueName is not null && !x.o.ValueIsOptional && !flags.Contains(x.name))
            .GroupBy(x => x.name, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => string.Join(" or ", g.Select(x => $"<{x.o.ValueName}>").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)),
                StringComparer.Ordinal);
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
