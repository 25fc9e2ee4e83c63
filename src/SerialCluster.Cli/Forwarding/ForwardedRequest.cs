using System.Text;

namespace SerialCluster.Cli.Forwarding;

/// <summary>
/// What a client sends a command server: its build (a server of another build declines), its arguments, its terminal
/// (so output is drawn as it would be drawn locally), and its start-up marks so far (so <c>--timeline</c> counts from
/// the client's own process start).
/// </summary>
public sealed record ForwardedRequest(
    string Version,
    IReadOnlyList<string> Args,
    bool StdoutIsTerminal,
    bool StderrIsTerminal,
    bool InputIsTerminal,
    int TerminalWidth,
    TimeSpan ClientAge,
    IReadOnlyList<(string Phase, TimeSpan At)> Marks)
{
    public byte[] Encode()
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Version);
            writer.Write(Args.Count);
            foreach (var arg in Args)
            {
                writer.Write(arg);
            }

            writer.Write(StdoutIsTerminal);
            writer.Write(StderrIsTerminal);
            writer.Write(InputIsTerminal);
            writer.Write(TerminalWidth);
            writer.Write(ClientAge.Ticks);
            writer.Write(Marks.Count);
            foreach (var (phase, at) in Marks)
            {
                writer.Write(phase);
                writer.Write(at.Ticks);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>The request in <paramref name="payload"/>; <see cref="InvalidDataException"/> where it is not one.</summary>
    public static ForwardedRequest Decode(byte[] payload)
    {
        try
        {
            using var reader = new BinaryReader(new MemoryStream(payload), Encoding.UTF8);
            var version = reader.ReadString();
            var args = new string[Count(reader)];
            for (var i = 0; i < args.Length; i++)
            {
                args[i] = reader.ReadString();
            }

            var stdoutIsTerminal = reader.ReadBoolean();
            var stderrIsTerminal = reader.ReadBoolean();
            var inputIsTerminal = reader.ReadBoolean();
            var width = reader.ReadInt32();
            var age = TimeSpan.FromTicks(reader.ReadInt64());
            var marks = new (string, TimeSpan)[Count(reader)];
            for (var i = 0; i < marks.Length; i++)
            {
                marks[i] = (reader.ReadString(), TimeSpan.FromTicks(reader.ReadInt64()));
            }

            return new ForwardedRequest(version, args, stdoutIsTerminal, stderrIsTerminal, inputIsTerminal, width, age, marks);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("a forwarded command's request ended early", e);
        }
    }

    private static int Count(BinaryReader reader)
    {
        var count = reader.ReadInt32();
        return count is >= 0 and <= 4096 ? count : throw new InvalidDataException($"a forwarded command's request lists {count} items");
    }
}
