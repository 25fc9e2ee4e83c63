using System.Globalization;

namespace SerialCluster.Workloads.Parameters;

/// <summary>Checks raw <c>name=value</c> text against a workload's parameter specs and fills in defaults.</summary>
public static class ParameterValidator
{
    /// <summary>Validates every given value; throws <see cref="InvalidParameterException"/> on the first refusal.</summary>
    public static ParameterValues Validate(string workload, IReadOnlyList<ParameterSpec> specs, IReadOnlyDictionary<string, string> raw)
    {
        var values = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var spec in specs)
        {
            values[spec.Name] = spec.Default;
        }

        foreach (var (name, text) in raw)
        {
            var spec = specs.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.Ordinal))
                ?? throw new InvalidParameterException(
                    ParameterErrorKind.Unknown, workload, name, text, string.Join(", ", specs.Select(s => s.Name)));
            values[spec.Name] = Canonicalize(workload, spec, text);
        }

        return new ParameterValues(workload, values);
    }

    private static string Canonicalize(string workload, ParameterSpec spec, string text)
    {
        var trimmed = spec.Kind == ParameterKind.Text ? text : text.Trim();
        return spec.Kind switch
        {
            ParameterKind.Integer => CanonicalInteger(workload, spec, trimmed),
            ParameterKind.Real => CanonicalReal(workload, spec, trimmed),
            ParameterKind.Boolean => trimmed.ToLowerInvariant() switch
            {
                "true" or "1" or "yes" => "true",
                "false" or "0" or "no" => "false",
                _ => throw Malformed(workload, spec, text),
            },
            ParameterKind.Choice => spec.Choices.FirstOrDefault(c => string.Equals(c, trimmed, StringComparison.OrdinalIgnoreCase))
                ?? throw new InvalidParameterException(ParameterErrorKind.OutOfRange, workload, spec.Name, text, spec.Allowed),
            ParameterKind.Hex => CanonicalHex(workload, spec, trimmed),
            ParameterKind.Text => trimmed.Length <= spec.MaxLength
                ? trimmed
                : throw new InvalidParameterException(
                    ParameterErrorKind.OutOfRange, workload, spec.Name, text, spec.Allowed, line: 0,
                    $"{trimmed.Length.ToString("N0", CultureInfo.InvariantCulture)} characters"),
            _ => throw new InvalidOperationException($"Unhandled parameter kind {spec.Kind}."),
        };
    }

    private static string CanonicalInteger(string workload, ParameterSpec spec, string text)
    {
        var digits = text.Replace("_", string.Empty, StringComparison.Ordinal);
        long value;
        if (!long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
        {
            // Scientific notation is accepted when it names an exact integer: samples=1e9.
            if (!double.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) ||
                !double.IsFinite(real) || Math.Floor(real) != real || Math.Abs(real) > 9.0e18)
            {
                throw Malformed(workload, spec, text);
            }

            value = (long)real;
        }

        if (value < spec.Min || value > spec.Max)
        {
            throw new InvalidParameterException(ParameterErrorKind.OutOfRange, workload, spec.Name, text, spec.Allowed);
        }

        return value.ToString(CultureInfo.InvariantCulture);
    }

    private static string CanonicalReal(string workload, ParameterSpec spec, string text)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw Malformed(workload, spec, text);
        }

        if (value < spec.MinReal || value > spec.MaxReal)
        {
            throw new InvalidParameterException(ParameterErrorKind.OutOfRange, workload, spec.Name, text, spec.Allowed);
        }

        return value.ToString("R", CultureInfo.InvariantCulture);
    }

    private static string CanonicalHex(string workload, ParameterSpec spec, string text)
    {
        var digits = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text[2..] : text;
        if (digits.Length % 2 != 0 || !digits.All(Uri.IsHexDigit))
        {
            throw Malformed(workload, spec, text);
        }

        var bytes = digits.Length / 2;
        if (bytes < spec.MinLength || bytes > spec.MaxLength)
        {
            throw new InvalidParameterException(ParameterErrorKind.OutOfRange, workload, spec.Name, text, spec.Allowed);
        }

        return digits.ToLowerInvariant();
    }

    private static InvalidParameterException Malformed(string workload, ParameterSpec spec, string text) =>
        new(ParameterErrorKind.Malformed, workload, spec.Name, text, spec.Allowed);
}
