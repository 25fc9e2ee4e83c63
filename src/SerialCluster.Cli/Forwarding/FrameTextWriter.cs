using System.Text;

namespace SerialCluster.Cli.Forwarding;

/// <summary>
/// A command's stdout or stderr in a command server: each write goes to the client at once as one frame, so progress
/// lines and bars appear as they are drawn. Writes of both streams share one lock, keeping frames whole and in order.
/// </summary>
public sealed class FrameTextWriter(Stream stream, CommandFrameKind kind, Lock gate) : TextWriter
{
    private readonly StringBuilder _pending = new();

    public override Encoding Encoding => Encoding.UTF8;

    /// <summary>Set once a write failed (the client went away): later writes are dropped, the command is being cancelled.</summary>
    public bool Broken { get; private set; }

    public override void Write(char value)
    {
        lock (gate)
        {
            _pending.Append(value);
            if (value == '\n')
            {
                SendPending();
            }
        }
    }

    public override void Write(string? value)
    {
        lock (gate)
        {
            _pending.Append(value);
            SendPending();
        }
    }

    public override void Write(char[] buffer, int index, int count)
    {
        lock (gate)
        {
            _pending.Append(buffer, index, count);
            SendPending();
        }
    }

    public override void Flush()
    {
        lock (gate)
        {
            SendPending();
        }
    }

    private void SendPending()
    {
        if (_pending.Length == 0)
        {
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(_pending.ToString());
        _pending.Clear();
        if (Broken)
        {
            return;
        }

        try
        {
            CommandFrame.Write(stream, kind, bytes);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            Broken = true;
        }
    }
}
