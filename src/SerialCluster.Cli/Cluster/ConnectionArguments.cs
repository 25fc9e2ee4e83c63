using System.Text;

namespace SerialCluster.Cli.Cluster;

/// <summary>Options as a shell would need them typed again: each " --name value", values quoted where a shell would split them.</summary>
public static class ConnectionArguments
{
    /// <summary>" --name value" for every option with a value, in order; empty when none has one.</summary>
    public static string Format(params (string Name, string? Value)[] options)
    {
        var text = new StringBuilder();
        foreach (var (name, value) in options)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                text.Append(' ').Append(name).Append(' ').Append(Quote(value));
            }
        }

        return text.ToString();
    }

    /// <summary><paramref name="value"/> as one shell word: unchanged when it is plain, else in single quotes.</summary>
    public static string Quote(string value) =>
        value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || "-_./:,@%+=".Contains(c))
            ? value
            : "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
