namespace SerialCluster.Grains.Execution;

/// <summary>One silo's tasks of a stage folded into one span: first dispatch, last result, kernel seconds and tasks summed.</summary>
internal readonly record struct SiloSpan(double Start, double End, double Kernel, int Tasks);
