namespace SerialCluster.Cli.Forwarding;

/// <summary>What a <see cref="CommandFrame"/> carries; the letters make a captured stream readable.</summary>
public enum CommandFrameKind : byte
{
    /// <summary>Client to server, first: the command (<see cref="ForwardedRequest"/>).</summary>
    Request = (byte)'R',

    /// <summary>Client to server: the user pressed Ctrl+C (or the client got SIGTERM/SIGHUP); cancel the command.</summary>
    Cancel = (byte)'C',

    /// <summary>Client to server: the key the client read for a <see cref="ReadKey"/> (empty: no key, input closed).</summary>
    Key = (byte)'k',

    /// <summary>Server to client: UTF-8 text for stdout.</summary>
    Stdout = (byte)'O',

    /// <summary>Server to client: UTF-8 text for stderr.</summary>
    Stderr = (byte)'E',

    /// <summary>Server to client: read one key from the terminal (payload: 1 = do not echo it) and send it back.</summary>
    ReadKey = (byte)'K',

    /// <summary>Server to client, last: the command's exit code (4 bytes, little-endian).</summary>
    Exit = (byte)'X',

    /// <summary>Server to client, instead of running it: this server cannot run the command (payload: why, UTF-8); run it locally.</summary>
    Declined = (byte)'D',
}
