using System.Security.Authentication;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace SerialCluster.Cli.Cluster;

/// <summary>
/// Reads the client's own log while it connects, for why a gateway did not take it: another cluster id, a failed TLS
/// handshake, or a connection closed mid-handshake (a TLS gateway meeting a plain client, or another cluster id).
/// Orleans retries these until the time-out and then says "cancelled"; none gets better by waiting, so each ends the
/// wait at once (<see cref="Refused"/>), a closed handshake only with <paramref name="oneGateway"/> (Redis has others).
/// </summary>
public sealed partial class ConnectionFailures(bool oneGateway) : ILoggerProvider, ILogger
{
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

    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (exception is null || !IsEnabled(logLevel))
        {
            return;
        }

        lock (_lock)
        {
            if (!_disposed)
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

    [GeneratedRegex("^Unexpected cluster id \"([^\"]*)\"")]
    private static partial Regex OtherCluster();
}
