namespace SerialCluster.Workloads.Parameters;

/// <summary>Why a parameter was refused; each class has its own CLI exit code.</summary>
public enum ParameterErrorKind
{
    /// <summary>The workload has no parameter of that name.</summary>
    Unknown,

    /// <summary>The text does not parse as the parameter's type.</summary>
    Malformed,

    /// <summary>The value parses but lies outside the allowed range or list.</summary>
    OutOfRange,
}
