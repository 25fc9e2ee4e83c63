namespace SerialCluster.Workloads.Parameters;

/// <summary>
/// A parameter was refused before any work started. The message names the workload, the parameter, the
/// value given and what is allowed, in one line.
/// </summary>
public sealed class InvalidParameterException : Exception
{
    public InvalidParameterException(ParameterErrorKind kind, string workload, string parameter, string value, string allowed)
        : base(FormatMessage(kind, workload, parameter, value, allowed))
    {
        Kind = kind;
        Workload = workload;
        Parameter = parameter;
        Value = value;
        Allowed = allowed;
    }

    public ParameterErrorKind Kind { get; }

    public string Workload { get; }

    public string Parameter { get; }

    public string Value { get; }

    public string Allowed { get; }

    /// <summary>
    /// The text with control characters and bidirectional overrides written as escapes (<c>\n</c>, <c>\u202E</c>), so a
    /// refusal stays one line and shows what was really sent, whatever a value or a file held.
    /// </summary>
    public static string Printable(string text)
    {
        if (!text.Any(NeedsEscape))
        {
            return text;
        }

        var builder = new System.Text.StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            _ = c switch
            {
                '\n' => builder.Append("\\n"),
                '\r' => builder.Append("\\r"),
                '\t' => builder.Append("\\t"),
                _ when NeedsEscape(c) => builder.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture)),
                _ => builder.Append(c),
            };
        }

        return builder.ToString();
    }

    private static bool NeedsEscape(char c) => char.IsControl(c) || c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    private static string FormatMessage(ParameterErrorKind kind, string workload, string parameter, string value, string allowed)
    {
        var shown = value.Length > 40 ? value[..40] + $"… ({value.Length} characters)" : value;
        return Printable(kind switch
        {
            ParameterErrorKind.Unknown => $"{workload} has no parameter '{parameter}'; its parameters are: {allowed}",
            ParameterErrorKind.Malformed => $"{workload}: parameter '{parameter}' = '{shown}' is not valid; expected {allowed}",
            _ => $"{workload}: parameter '{parameter}' = '{shown}' is out of range; allowed: {allowed}",
        });
    }
}
