namespace SerialCluster.Workloads.Arith;

/// <summary>An arithmetic circuit's text was refused: <see cref="Line"/> (1-based) and the problem, in words.</summary>
public sealed class ArithFormatException(int line, string problem)
    : Exception(line > 0 ? $"line {line}: {problem}" : problem)
{
    /// <summary>The 1-based line the problem is on (0 when it concerns the whole text).</summary>
    public int Line { get; } = line;

    public string Problem { get; } = problem;
}
