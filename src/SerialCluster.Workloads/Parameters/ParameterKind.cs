namespace SerialCluster.Workloads.Parameters;

/// <summary>The type of a workload parameter, which decides how its text is parsed and checked.</summary>
public enum ParameterKind
{
    /// <summary>A whole number within [Min, Max].</summary>
    Integer,

    /// <summary>A finite real number within [MinReal, MaxReal].</summary>
    Real,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary>One of a fixed list of words.</summary>
    Choice,

    /// <summary>Bytes written as an even number of hexadecimal digits.</summary>
    Hex,

    /// <summary>Free text (often a file's content passed with <c>name=@path</c>), at most MaxLength characters.</summary>
    Text,
}
