using System.Globalization;
using System.Text;
using SerialCluster.Workloads.Parameters;

namespace SerialCluster.Cli.Jobs;

/// <summary>
/// Reads the text file a parameter names with <c>@path</c>. Refuses, naming the file, what can never be what was meant:
/// no path, no such file, a directory, a file over the size limit, an empty or blank file, and bytes that are not text
/// (invalid UTF-8 or control characters), whose content is never echoed back.
/// </summary>
public static class ParameterFile
{
    private const string Text = "a text file";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Read(string workload, string parameter, string path, long maxBytes)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new InvalidParameterException(
                ParameterErrorKind.Malformed,
                workload,
                parameter,
                "@" + path,
                "@ followed by a file's path, e.g. @circuit.bench");
        }

        byte[] bytes;
        try
        {
            if (Directory.Exists(path))
            {
                throw Refused(ParameterErrorKind.Malformed, workload, parameter, path, "is a directory, not a file");
            }

            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw Refused(ParameterErrorKind.Malformed, workload, parameter, path, "no such file");
            }

            if (info.Length > maxBytes)
            {
                throw new InvalidParameterException(
                    ParameterErrorKind.OutOfRange, workload, parameter, "@" + path, $"a file of at most {maxBytes:N0} bytes", line: 0,
                    $"{info.Length:N0} bytes", path);
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw Refused(ParameterErrorKind.Malformed, workload, parameter, path, $"cannot be read ({e.Message})");
        }

        var text = Decode(workload, parameter, path, bytes);
        // An empty or blank file is never what was meant: a parameter left out takes its default, a file never does.
        if (string.IsNullOrWhiteSpace(text))
        {
            var problem = bytes.Length == 0 ? "the file is empty" : $"the file's {bytes.Length:N0} bytes are all blank";
            throw Refused(ParameterErrorKind.Malformed, workload, parameter, path, problem);
        }

        return text;
    }

    private static string Decode(string workload, string parameter, string path, byte[] bytes)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            var at = e.Index >= 0 ? $" at byte {e.Index.ToString("N0", CultureInfo.InvariantCulture)}" : string.Empty;
            throw Refused(ParameterErrorKind.Malformed, workload, parameter, path, $"not text: not UTF-8{at} (a binary file?)");
        }

        text = text.TrimStart('\uFEFF');
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsControl(text[i]) && text[i] is not ('\n' or '\r' or '\t' or '\f' or '\v'))
            {
                throw new InvalidParameterException(
                    ParameterErrorKind.Malformed, workload, parameter, "@" + path, Text, InvalidParameterException.LineOf(text, i),
                    $"not text: control character U+{(int)text[i]:X4} (a binary file?)", path);
            }
        }

        return text;
    }

    private static InvalidParameterException Refused(ParameterErrorKind kind, string workload, string parameter, string path, string problem) =>
        new(kind, workload, parameter, "@" + path, Text, line: 0, problem, path);
}
