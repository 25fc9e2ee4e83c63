namespace SerialCluster.Workloads.Cvp;

/// <summary>A <c>.bench</c> netlist was refused: <see cref="Line"/> (1-based) and the problem, in words.</summary>
public sealed class BenchFormatException(int line, string problem)
    : Exception(line > 0 ? $"line {line}: {problem}" : problem)
{
    /// <summary>The 1-based line the problem is on (0 when it concerns the whole file).</summary>
    public int Line { get; } = line;

    public string Problem { get; } = problem;
}
