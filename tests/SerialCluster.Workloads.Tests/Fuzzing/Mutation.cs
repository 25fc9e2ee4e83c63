namespace SerialCluster.Workloads.Tests.Fuzzing;

/// <summary>One edit of a text: what to do, where (a fraction of its length), and with which character or line.</summary>
internal sealed record Mutation(MutationKind Kind, double Where, char Character, int Count)
{
    public string Apply(string text)
    {
        var at = Math.Clamp((int)(Where * text.Length), 0, text.Length);
        return Kind switch
        {
            MutationKind.Insert => text.Insert(at, new string(Character, Count)),
            MutationKind.Delete => text.Remove(at, Math.Min(Count, text.Length - at)),
            MutationKind.Replace when at < text.Length => string.Concat(text.AsSpan(0, at), Character.ToString(), text.AsSpan(at + 1)),
            MutationKind.Replace => text + Character,
            MutationKind.DuplicateLine => DuplicateLine(text, at),
            MutationKind.Truncate => text[..at],
            _ => text,
        };
    }

    public override string ToString() => $"{Kind} at {Where:F3} '{Character}' ×{Count}";

    private static string DuplicateLine(string text, int at)
    {
        var start = text.LastIndexOf('\n', Math.Max(0, at - 1)) + 1;
        var end = text.IndexOf('\n', at);
        var line = end < 0 ? text[start..] : text[start..(end + 1)];
        return text.Insert(start, line.EndsWith('\n') ? line : line + "\n");
    }
}
