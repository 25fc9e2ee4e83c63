using System.Security.Authentication;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace SerialCluster.Cli.Cluster;

/// <summary>
/// Reads the client's own log while it connects, for why a gateway did not take it: another cluster id, a failed TLS handshake,
/// a connection closed mid-handshake (a TLS gateway meeting a plain client, or another cluster id), or a silo that answered the
/// handshake and rejected the first call (a forwarded port). Orleans retries these until the time-out; none gets better by
/// waiting, so each ends the wait at once (<see cref="Refused"/>), the last two only with <paramref name="oneGateway"/>.
/// </summary>
public sealed partial class ConnectionFailures(bool oneGateway) : ILoggerProvider, ILogger
{
    private const string EstablishedFormat = "Established connection to {Silo}";

    private readonly CancellationTokenSource _refused = new();
    private readonly Lock _lock = new();
    private bool _disposed;

    /// <summary>Cancelled once a failure that waiting cannot fix has been seen.</summary>
    public CancellationToken Refused => _refused.Token;

    /// <summary>The cluster id the gateway answered with, when it is not the client's.</summary>
    public string? OtherClusterId { get; private set; }

    /// <summary>The TLS handshake's failure, when one failed.</summary>
    public Exception? TlsFailure { get; private set; }

    /// <summary>True when a gateway accepted the connection and closed it before the handshake was done.</summary>
    public bool ClosedDuringHandshake { get; private set; }

    /// <summary>The silo that answered the handshake, as it named itself (its silo-to-silo address).</summary>
    public SiloAddress? AnsweringSilo { get; private set; }

    /// <summary>
    /// The silo that answered the handshake and then rejected the client's first call: it routes a call addressed to
    /// the dialled address elsewhere unless that address is its own gateway's (a port forwarded to another port).
    /// </summary>
    public SiloAddress? RejectingSilo { get; private set; }

    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            if (exception is null)
            {
                AnsweringSilo ??= EstablishedWith(state);
            }
            else if (logLevel >= LogLevel.Warning)
            {
                Record(exception);
            }
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            _refused.Dispose();
        }
    }

    private void Record(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is OrleansMessageRejectionException or SiloUnavailableException)
            {
                // The silo's own failure, in its words: its text says nothing about this client's connection.
                if (oneGateway && AnsweringSilo is { } silo && RejectingSilo is null)
                {
                    RejectingSilo = silo;
                    _refused.Cancel();
                }

                return;
            }

            if (OtherClusterId is null && OtherCluster().Match(e.Message) is { Success: true } match)
            {
                OtherClusterId = match.Groups[1].Value;
                _refused.Cancel();
                return;
            }

            if (TlsFailure is null && e is AuthenticationException)
            {
                TlsFailure = e;
                _refused.Cancel();
                return;
            }

            if (e.Message.Contains("terminated prematurely", StringComparison.Ordinal)
                || e.Message.Contains("Underlying connection closed", StringComparison.Ordinal))
            {
                ClosedDuringHandshake = true;
                if (oneGateway)
                {
                    _refused.Cancel();
                }
            }
        }
    }

    /// <summary>The silo of Orleans' "Established connection to {Silo}" line: the address the gateway gave in its handshake.</summary>
    private static SiloAddress? EstablishedWith<TState>(TState state) =>
        state is IReadOnlyList<KeyValuePair<string, object?>> fields
            && fields.Any(f => f.Key == "{OriginalFormat}" && f.Value is string format && format.StartsWith(EstablishedFormat, StringComparison.Ordinal))
            ? fields.Select(f => f.Value).OfType<SiloAddress>().FirstOrDefault()
            : null;

    [GeneratedRegex("^Unexpected cluster id \"([^\"]*)\"")]
    private static partial Regex OtherCluster();
}
