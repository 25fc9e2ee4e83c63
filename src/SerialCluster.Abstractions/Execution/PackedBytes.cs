namespace SerialCluster.Abstractions.Execution;

/// <summary>
/// Many small byte arrays as one: their bytes end to end and where each ends. On the wire a batch of tasks' inputs or
/// outputs is then two arrays, not one object per task: Orleans' serializer tracks every object it writes and reads
/// for references, which for a call of 16,384 tasks cost more than the tasks' own bytes.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("SerialCluster.PackedBytes")]
public sealed record PackedBytes(
    [property: Id(0)] byte[] Data,
    [property: Id(1)] int[] Ends)
{
    public int Count => Ends.Length;

    /// <summary>Item <paramref name="index"/>, as a new array.</summary>
    public byte[] this[int index]
    {
        get
        {
            var start = index == 0 ? 0 : Ends[index - 1];
            return Data.AsSpan(start, Ends[index] - start).ToArray();
        }
    }

    public static PackedBytes Pack(IReadOnlyList<byte[]> items)
    {
        var ends = new int[items.Count];
        var length = 0;
        for (var i = 0; i < ends.Length; i++)
        {
            length = checked(length + items[i].Length);
            ends[i] = length;
        }

        var data = new byte[length];
        var at = 0;
        foreach (var item in items)
        {
            item.CopyTo(data, at);
            at += item.Length;
        }

        return new PackedBytes(data, ends);
    }
}
