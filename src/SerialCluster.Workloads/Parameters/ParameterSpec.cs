using System.Globalization;

namespace SerialCluster.Workloads.Parameters;

/// <summary>
/// One typed parameter of a workload: its name, kind, default and limits. Built with the static factory
/// for its kind; <see cref="Allowed"/> is the text every refusal and the <c>workloads</c> listing show.
/// </summary>
public sealed record ParameterSpec
{
    private ParameterSpec(string name, ParameterKind kind, string defaultValue, string description)
    {
        Name = name;
        Kind = kind;
        Default = defaultValue;
        Description = description;
    }

    public string Name { get; }

    public ParameterKind Kind { get; }

    /// <summary>The value used when the parameter is not given, as canonical text.</summary>
    public string Default { get; }

    public string Description { get; }

    public long Min { get; private init; }

    public long Max { get; private init; }

    public double MinReal { get; private init; }

    public double MaxReal { get; private init; }

    public IReadOnlyList<string> Choices { get; private init; } = [];

    /// <summary>For <see cref="ParameterKind.Hex"/>: bytes; for <see cref="ParameterKind.Text"/>: characters.</summary>
    public int MaxLength { get; private init; }

    /// <summary>For <see cref="ParameterKind.Hex"/>: the fewest bytes allowed.</summary>
    public int MinLength { get; private init; }

    /// <summary>True when the CLI may read the value from a file with <c>name=@path</c>.</summary>
    public bool AcceptsFile { get; private init; }

    /// <summary>What is allowed, in words.</summary>
    public string Allowed => Kind switch
    {
        ParameterKind.Integer => $"an integer from {Min.ToString("N0", CultureInfo.InvariantCulture)} to {Max.ToString("N0", CultureInfo.InvariantCulture)}",
        ParameterKind.Real => $"a number from {MinReal.ToString("R", CultureInfo.InvariantCulture)} to {MaxReal.ToString("R", CultureInfo.InvariantCulture)}",
        ParameterKind.Boolean => "true or false",
        ParameterKind.Choice => "one of " + string.Join(", ", Choices),
        ParameterKind.Hex => $"{MinLength} to {MaxLength} bytes as hexadecimal digits (an even count)",
        ParameterKind.Text => $"text of at most {MaxLength.ToString("N0", CultureInfo.InvariantCulture)} characters" + (
            AcceptsFile ? " (or @path to read a file)" : string.Empty),
        _ => throw new InvalidOperationException($"Unhandled parameter kind {Kind}."),
    };

    public static ParameterSpec Integer(string name, long defaultValue, long min, long max, string description)
    {
        if (min > max || defaultValue < min || defaultValue > max)
        {
            throw new ArgumentException($"Default {defaultValue} of '{name}' must lie in [{min}, {max}].");
        }

        return new ParameterSpec(name, ParameterKind.Integer, defaultValue.ToString(CultureInfo.InvariantCulture), description)
        {
            Min = min,
            Max = max,
        };
    }

    public static ParameterSpec Real(string name, double defaultValue, double min, double max, string description)
    {
        if (!(min <= defaultValue && defaultValue <= max))
        {
            throw new ArgumentException($"Default {defaultValue} of '{name}' must lie in [{min}, {max}].");
        }

        return new ParameterSpec(name, ParameterKind.Real, defaultValue.ToString("R", CultureInfo.InvariantCulture), description)
        {
            MinReal = min,
            MaxReal = max,
        };
    }

    public static ParameterSpec Boolean(string name, bool defaultValue, string description) =>
        new(name, ParameterKind.Boolean, defaultValue ? "true" : "false", description);

    public static ParameterSpec Choice(string name, string defaultValue, IReadOnlyList<string> choices, string description)
    {
        if (!choices.Contains(defaultValue, StringComparer.Ordinal))
        {
            throw new ArgumentException($"Default '{defaultValue}' of '{name}' is not among its choices.");
        }

        return new ParameterSpec(name, ParameterKind.Choice, defaultValue, description) { Choices = choices };
    }

    public static ParameterSpec Hex(string name, string defaultValue, int minBytes, int maxBytes, string description) =>
        new(name, ParameterKind.Hex, defaultValue.ToLowerInvariant(), description) { MinLength = minBytes, MaxLength = maxBytes };

    public static ParameterSpec Text(string name, string defaultValue, int maxLength, bool acceptsFile, string description) =>
        new(name, ParameterKind.Text, defaultValue, description) { MaxLength = maxLength, AcceptsFile = acceptsFile };
}
