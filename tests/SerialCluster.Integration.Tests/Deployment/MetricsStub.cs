using System.Net;
using System.Text;
using SerialCluster.Integration.Tests.Infrastructure;

namespace SerialCluster.Integration.Tests.Deployment;

/// <summary>
/// A /metrics endpoint whose exposition text a test sets, for a real Prometheus to scrape: states a real cluster
/// reaches only by chance (a job at P = 1 after another, e = 0, no silo answering) on demand. After
/// <see cref="Fail"/> it answers 503, so Prometheus marks the target down. Listens on a free loopback port until disposed.
/// </summary>
public sealed class MetricsStub : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private volatile string? _exposition = string.Empty;

    public MetricsStub()
    {
        Port = FreePorts.Take(1)[0];
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public string Target => $"127.0.0.1:{Port}";

    /// <summary>From now on every scrape gets <paramref name="exposition"/> (Prometheus' text format).</summary>
    public void Serve(string exposition) => _exposition = exposition;

    /// <summary>From now on every scrape fails.</summary>
    public void Fail() => _exposition = null;

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return; // stopped
            }

            var exposition = _exposition;
            context.Response.StatusCode = exposition is null ? 503 : 200;
            context.Response.ContentType = "text/plain; version=0.0.4";
            var body = Encoding.UTF8.GetBytes(exposition ?? "down\n");
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
    }
}
