using System.Buffers.Binary;
using System.Text;
using SerialCluster.Cli.Cluster;
using SerialCluster.Cli.Infrastructure;
using SerialCluster.Cli.Lifetime;
using SerialCluster.Cli.Output;

namespace SerialCluster.Cli.Forwarding;

/// <summary>
/// One client's command in a command server: read its request, run it through <see cref="CliApplication"/> exactly as
/// its own process would (the same parsing, checks, output and exit code), with its output sent back as it is written,
/// and cancel it when the client asks (Ctrl+C) or goes away.
/// </summary>
public sealed class ForwardedCommandSession(Stream stream, Func<ClusterConnection> borrow)
{
    private readonly Lock _gate = new();

    public async Task RunAsync(CancellationToken serverStopping)
    {
        if (await CommandFrame.ReadAsync(stream, serverStopping) is not { Kind: CommandFrameKind.Request } first)
        {
            return;
        }

        var request = ForwardedRequest.Decode(first.Payload);
        if (Decline(request) is { } reason)
        {
            await CommandFrame.WriteAsync(stream, CommandFrameKind.Declined, Encoding.UTF8.GetBytes(reason), serverStopping);
            return;
        }

        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(serverStopping);
        var input = new ForwardedKeyInput(stream, _gate, cancellation.Token);
        var stdout = new FrameTextWriter(stream, CommandFrameKind.Stdout, _gate);
        var stderr = new FrameTextWriter(stream, CommandFrameKind.Stderr, _gate);
        var console = ConsoleStreams.ForClient(
            stdout, stderr, input, request.StdoutIsTerminal, request.StderrIsTerminal, request.InputIsTerminal, request.TerminalWidth);
        var listening = ListenAsync(input, cancellation);

        ServedInvocation.Current = new ServedInvocation(borrow);
        StartupTimeline.Continue(request.Marks, request.ClientAge);
        int code;
        try
        {
            code = await CliApplication.RunAsync([.. request.Args], console, cancellation.Token);
        }
        catch (Exception e)
        {
            // What a command's own process would die of (--verbose lets unexpected exceptions through): the client prints it.
            stderr.WriteLine($"Unhandled exception. {e}");
            code = ExitCodes.JobFailed;
        }

        stdout.Flush();
        stderr.Flush();
        var exit = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(exit, code);
        lock (_gate)
        {
            if (!stdout.Broken && !stderr.Broken)
            {
                CommandFrame.Write(stream, CommandFrameKind.Exit, exit);
            }
        }

        await cancellation.CancelAsync();
        await listening;
    }

    /// <summary>Why this server does not run the request; null when it does.</summary>
    public static string? Decline(ForwardedRequest request)
    {
        if (request.Version != BuildVersion.Informational)
        {
            return $"the local cluster runs build {BuildVersion.Informational}, this command is build {request.Version}";
        }

        // The client checked its own variables; these rules are the server's own check of the arguments.
        return ForwardingRules.Eligible(request.Args, _ => null) ? null : "its arguments name files or another cluster";
    }

    /// <summary>The client's frames while its command runs: a cancel or its end cancels the command; keys go to the prompt waiting for them.</summary>
    private async Task ListenAsync(ForwardedKeyInput input, CancellationTokenSource cancellation)
    {
        try
        {
            while (await CommandFrame.ReadAsync(stream, cancellation.Token) is { } frame)
            {
                if (frame.Kind == CommandFrameKind.Cancel)
                {
                    await cancellation.CancelAsync();
                }
                else if (frame.Kind == CommandFrameKind.Key)
                {
                    input.Deliver(frame.Payload);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or InvalidDataException or ObjectDisposedException)
        {
            // The command ended (its exit was sent), or the connection broke: either way nothing more comes from the client.
        }

        if (!cancellation.IsCancellationRequested)
        {
            await cancellation.CancelAsync(); // the client went away (killed, or its terminal closed): nobody follows the command any more
        }
    }
}
