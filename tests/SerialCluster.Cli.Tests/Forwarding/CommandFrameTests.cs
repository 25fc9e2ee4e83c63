using SerialCluster.Cli.Forwarding;
using SerialCluster.Cli.Infrastructure;

namespace SerialCluster.Cli.Tests.Forwarding;

/// <summary>The command server's wire format: frames, the request and a key survive the trip; a broken peer is an error, not a hang.</summary>
public sealed class CommandFrameTests
{
    [Fact]
    public async Task FramesAreReadBackInOrderAndTheEndOfTheStreamIsNull()
    {
        using var stream = new MemoryStream();
        CommandFrame.Write(stream, CommandFrameKind.Stdout, "héllo\n"u8);
        await CommandFrame.WriteAsync(stream, CommandFrameKind.Exit, new byte[] { 6, 0, 0, 0 }, CancellationToken.None);
        stream.Position = 0;

        var first = await CommandFrame.ReadAsync(stream, CancellationToken.None);
        var second = await CommandFrame.ReadAsync(stream, CancellationToken.None);

        Assert.Equal(CommandFrameKind.Stdout, first!.Value.Kind);
        Assert.Equal("héllo\n", System.Text.Encoding.UTF8.GetString(first.Value.Payload));
        Assert.Equal(CommandFrameKind.Exit, second!.Value.Kind);
        Assert.Equal(new byte[] { 6, 0, 0, 0 }, second.Value.Payload);
        Assert.Null(await CommandFrame.ReadAsync(stream, CancellationToken.None));
    }

    [Fact]
    public async Task AnOversizedOrTruncatedFrameIsAnError()
    {
        using var huge = new MemoryStream([(byte)'O', 0xff, 0xff, 0xff, 0x7f]);
        await Assert.ThrowsAsync<InvalidDataException>(() => CommandFrame.ReadAsync(huge, CancellationToken.None));

        using var truncated = new MemoryStream([(byte)'O', 10, 0, 0, 0, 1, 2]);
        await Assert.ThrowsAsync<EndOfStreamException>(() => CommandFrame.ReadAsync(truncated, CancellationToken.None));
    }

    [Fact]
    public void ARequestSurvivesEncodingWithItsArgumentsTerminalAndMarks()
    {
        var request = new ForwardedRequest(
            "1.0.0+abc", ["run", "hashchain", "--set", "seed=ünïcode"], true, false, true, 132, TimeSpan.FromMilliseconds(71.5),
            [("the runtime started", TimeSpan.FromMilliseconds(60)), ("reached", TimeSpan.FromMilliseconds(70))]);

        var decoded = ForwardedRequest.Decode(request.Encode());

        Assert.Equal(request.Version, decoded.Version);
        Assert.Equal(request.Args, decoded.Args);
        Assert.Equal((true, false, true, 132), (decoded.StdoutIsTerminal, decoded.StderrIsTerminal, decoded.InputIsTerminal, decoded.TerminalWidth));
        Assert.Equal(request.ClientAge, decoded.ClientAge);
        Assert.Equal(request.Marks, decoded.Marks);
        Assert.Throws<InvalidDataException>(() => ForwardedRequest.Decode(request.Encode()[..7]));
    }

    [Fact]
    public void AKeySurvivesEncodingAndNoKeyIsNull()
    {
        var key = new ConsoleKeyInfo('y', ConsoleKey.Y, shift: true, alt: false, control: true);

        Assert.Equal(key, ForwardedKeyInput.Decode(ForwardedKeyInput.Encode(key)));
        Assert.Null(ForwardedKeyInput.Decode(ForwardedKeyInput.Encode(null)));
    }

    [Fact]
    public void AServerOfAnotherBuildOrGivenAFileDeclinesAndSaysWhy()
    {
        ForwardedRequest Request(string version, params string[] args) => new(version, args, false, false, false, 0, TimeSpan.Zero, []);

        Assert.Null(ForwardedCommandSession.Decline(Request(BuildVersion.Informational, "run", "hashchain")));
        Assert.Contains("runs build", ForwardedCommandSession.Decline(Request("0.0.1+other", "run", "hashchain")), StringComparison.Ordinal);
        Assert.Contains("name files", ForwardedCommandSession.Decline(Request(BuildVersion.Informational, "run", "sudoku", "--set", "puzzles=@p.txt")),
            StringComparison.Ordinal);
    }
}
