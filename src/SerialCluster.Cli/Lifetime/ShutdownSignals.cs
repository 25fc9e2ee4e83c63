using System.Runtime.InteropServices;

namespace SerialCluster.Cli.Lifetime;

/// <summary>
/// SIGINT (Ctrl+C), SIGTERM and SIGHUP all end a command the same way: the first one cancels the command's token, so it
/// cancels the job it started (unless detached) and stops an embedded cluster; a second one ends the process at once.
/// <c>timeout</c>, CI cancellation, <c>docker stop</c> and systemd send SIGTERM, a closed terminal SIGHUP.
/// </summary>
public sealed class ShutdownSignals : IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();
    private readonly List<PosixSignalRegistration> _registrations = [];
    private int _received;

    public ShutdownSignals()
    {
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP })
        {
            _registrations.Add(PosixSignalRegistration.Create(signal, OnSignal));
        }
    }

    /// <summary>Cancelled by the first signal.</summary>
    public CancellationToken Token => _cancellation.Token;

    /// <summary>The first signal received; null while none has arrived.</summary>
    public PosixSignal? Received { get; private set; }

    /// <summary>
    /// The process's exit code: a command that ended cancelled after a signal exits 128 + the signal's number (130 SIGINT,
    /// 143 SIGTERM, 129 SIGHUP), as a shell reports a process that signal ended; any other code is kept.
    /// </summary>
    public int ExitCode(int commandCode) =>
        commandCode == ExitCodes.Cancelled && Received is { } signal ? ExitCodes.SignalBase + Number(signal) : commandCode;

    /// <summary>The signal's POSIX number (not .NET's enum value).</summary>
    public static int Number(PosixSignal signal) => signal switch
    {
        PosixSignal.SIGHUP => 1,
        PosixSignal.SIGINT => 2,
        PosixSignal.SIGQUIT => 3,
        PosixSignal.SIGTERM => 15,
        _ => (int)signal,
    };

    public void Dispose()
    {
        _registrations.ForEach(r => r.Dispose());
        _cancellation.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        // The first signal cancels cleanly; a second is left to its default action, which ends the process.
        if (Interlocked.Exchange(ref _received, 1) == 0)
        {
            context.Cancel = true;
            Received = context.Signal;
            _cancellation.Cancel();
        }
    }
}
