namespace SerialCluster.Grains.Reliability;

/// <summary>
/// A stage's committed task results in a job's stored progress, column by column (task ids, outputs, compute seconds,
/// an index into <see cref="SiloNames"/>), so a million tasks are a few arrays, not a million objects. Never share an
/// instance between jobs (no static "empty" one): a storage deserializer may fill the instance a property already
/// holds, carrying one job's results into another's stages.
/// </summary>
[GenerateSerializer]
[Alias("SerialCluster.CommittedTasks")]
public sealed class CommittedTasks
{
    [Id(0)]
    public int[] Tasks { get; set; } = [];

    [Id(1)]
    public byte[][] Outputs { get; set; } = [];

    [Id(2)]
    public double[] Seconds { get; set; } = [];

    [Id(3)]
    public ushort[] Silos { get; set; } = [];

    [Id(4)]
    public string[] SiloNames { get; set; } = [];

    public int Count => Tasks.Length;

    /// <summary>One task, for tests and tools: a single-row set.</summary>
    public static CommittedTasks Of(int task, byte[] output, double seconds, string silo) =>
        new() { Tasks = [task], Outputs = [output], Seconds = [seconds], Silos = [0], SiloNames = [silo] };
}
