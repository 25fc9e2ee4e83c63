namespace SerialCluster.Workloads.Parameters;

/// <summary>
/// A parameter was refused before any work started. The message names the workload, the parameter, the
/// value given and what is allowed, in one line; for a value read from a file (<see cref="File"/>), the file and the
/// line instead of the value (<c>c17.bench:3: …</c>), so a file's content is never echoed back.
/// </summary>
public sealed class InvalidParameterException : Exception
{
    public InvalidParameterException(ParameterErrorKind kind, string workload, string parameter, string value, string allowed)
        : this(kind, workload, parameter, value, allowed, line: 0, problem: null)
    {
    }

    /// <param name="line">The 1-based line of <paramref name="value"/> the problem is on; 0 when it concerns the whole value.</param>
    /// <param name="problem">What is wrong, in words (on that line); null when <paramref name="allowed"/> says it all.</param>
    /// <param name="file">The file the value was read from (as the user named it); null for a value given inline.</param>
    public InvalidParameterException(
        ParameterErrorKind kind, string workload, string parameter, string value, string allowed, int line, string? problem, string? file = null)
        : base(FormatMessage(kind, workload, parameter, value, allowed, line, problem, file))
    {
        Kind = kind;
        Workload = workload;
        Parameter = parameter;
        Value = value;
        Allowed = allowed;
        Line = line;
        Problem = problem;
        File = file;
    }

    public ParameterErrorKind Kind { get; }

    public string Workload { get; }

    public string Parameter { get; }

    public string Value { get; }

    public string Allowed { get; }

    /// <summary>The 1-based line of the value the problem is on; 0 when it concerns the whole value.</summary>
    public int Line { get; }

    /// <summary>What is wrong, in words; null when <see cref="Allowed"/> says it all.</summary>
    public string? Problem { get; }

    /// <summary>The file the value was read from, as the user named it; null for a value given inline.</summary>
    public string? File { get; }

    /// <summary>The same refusal, told about the file <paramref name="path"/> the value was read from.</summary>
    public InvalidParameterException InFile(string path) => new(Kind, Workload, Parameter, Value, Allowed, Line, Problem, path);

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

    /// <summary>The 1-based line of <paramref name="text"/> that character <paramref name="index"/> is on.</summary>
    public static int LineOf(string text, int index)
    {
        var line = 1;
        for (var i = 0; i < Math.Min(index, text.Length); i++)
        {
            if (text[i] == '\n')
            {
                line++;
            }
        }

        return line;
    }

    private static bool NeedsEscape(char c) => char.IsControl(c) || c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    private static string FormatMessage(
        ParameterErrorKind kind, string workload, string parameter, string value, string allowed, int line, string? problem, string? file)
    {
        if (file is not null && kind != ParameterErrorKind.Unknown)
        {
            var where = line > 0 ? $"{file}:{line}" : file;
            var what = problem ?? (kind == ParameterErrorKind.Malformed ? "not valid" : "out of range");
            var expected = kind == ParameterErrorKind.Malformed ? "expected" : "allowed:";
            return Printable($"{where}: {what}; {expected} {allowed} ({workload} {parameter}=@{file})");
        }

        var shown = value.Length > 40 ? value[..40] + $"… ({value.Length} characters)" : value;
        var at = line > 0 ? $"line {line}" : null;
        var detail = string.Join(": ", new[] { at, problem }.OfType<string>()) is { Length: > 0 } said ? $" ({said})" : string.Empty;
        return Printable(kind switch
        {
            ParameterErrorKind.Unknown => $"{workload} has no parameter '{parameter}'; its parameters are: {allowed}",
            ParameterErrorKind.Malformed => $"{workload}: parameter '{parameter}' = '{shown}' is not valid; expected {allowed}{detail}",
            _ => $"{workload}: parameter '{parameter}' = '{shown}' is out of range; allowed: {allowed}{detail}",
        });
    }
}
