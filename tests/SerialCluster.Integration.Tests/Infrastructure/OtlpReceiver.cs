using System.Net;

namespace SerialCluster.Integration.Tests.Infrastructure;

/// <summary>
/// The receiving end of OTLP over HTTP (<c>POST /v1/traces</c>, protobuf), enough to see what a silo exported: it keeps
/// each request body and answers 200. Listens on a free loopback port until disposed.
/// </summary>
public sealed class OtlpReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly List<byte[]> _traceBodies = [];
    private readonly Task _loop;

    public OtlpReceiver()
    {
        Port = FreePorts.Take(1)[0];
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    /// <summary>What a silo's <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> should say (with protocol http/protobuf).</summary>
    public string Endpoint => $"http://127.0.0.1:{Port}";

    /// <summary>Every trace export received so far, concatenated: protobuf keeps strings as UTF-8 bytes, searchable as text.</summary>
    public string TracesAsText()
    {
        lock (_traceBodies)
        {
            return string.Concat(_traceBodies.Select(b => System.Text.Encoding.UTF8.GetString(b)));
        }
    }

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

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            if (context.Request.HttpMethod == "POST" && context.Request.Url?.AbsolutePath == "/v1/traces")
            {
                lock (_traceBodies)
                {
                    _traceBodies.Add(body.ToArray());
                }
            }

            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }
}
