namespace SerialCluster.Kernels.Parameters;

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

    private static string FormatMessage(ParameterErrorKind kind, string workload, string parameter, string value, string allowed)
    {
        var shown = value.Length > 40 ? value[..40] + $"… ({value.Length} characters)" : value;
        return kind switch
        {
            ParameterErrorKind.Unknown => $"{workload} has no parameter '{parameter}'; its parameters are: {allowed}",
            ParameterErrorKind.Malformed => $"{workload}: parameter '{parameter}' = '{shown}' is not valid; expected {allowed}",
            _ => $"{workload}: parameter '{parameter}' = '{shown}' is out of range; allowed: {allowed}",
        };
    }
}
