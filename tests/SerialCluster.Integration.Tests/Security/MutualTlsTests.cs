using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Runtime;
using SerialCluster.Abstractions.GrainInterfaces;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Cli;
using SerialCluster.Cli.Cluster;
using SerialCluster.Cli.Commands;
using SerialCluster.Cli.Jobs;
using SerialCluster.Grains.Placement;
using SerialCluster.Grains.Security;
using SerialCluster.Integration.Tests.Infrastructure;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace SerialCluster.Integration.Tests.Security;

/// <summary>
/// Two silo processes with mutual TLS on (certificates from <c>deploy/tls/make-dev-certs.sh</c>) and a real redis-server:
/// a client with a certificate the cluster's CA signed submits a job that runs on both silos; a client with no
/// certificate, one from another CA, or a self-signed one cannot connect, and the CLI says why in one line. The same
/// cluster shows a configured limit refusing a job and an idempotency key kept in Redis across client connections.
/// </summary>
[Trait("Category", "Integration")]
[Collection(ProcessCollection.Name)]
public sealed class MutualTlsTests(ITestOutputHelper output)
{
    private static readonly string[] Names = ["tls-a", "tls-b"];
    private static readonly TimeSpan RefusalDeadline = TimeSpan.FromSeconds(20);

    [SkippableFact]
    public async Task OnlyAClientWithACertificateFromTheClusterCaCanSubmit()
    {
        using var certificates = await DevCertificates.CreateAsync();
        using var otherCa = await DevCertificates.CreateAsync();
        await using var cluster = await ProcessCluster.CreateAsync();
        // A limit from configuration too, to see it enforced by real silo processes.
        IReadOnlyList<string> settings = [.. certificates.SiloSettings(), "--SerialCluster:Limits:MaxWorkUnits=10000000"];
        var silos = await cluster.StartSilosAsync([.. Names.Select(n => new SiloSpec(n, settings))]);
        Assert.All(silos, s => Assert.Contains("connections mutual TLS", s.Output(), StringComparison.Ordinal));

        // The CA's client: connects through a TLS gateway, and the job's tasks cross the silo-to-silo TLS link. Its
        // idempotency key is kept in Redis, so the second client below gets the same job back.
        var key = "it-tls-" + Guid.NewGuid().ToString("N")[..8];
        var (firstJob, firstExisting) = await SubmitWithCertificateAsync(cluster, certificates, "first", key);
        Assert.False(firstExisting);

        // No certificate: the gateway's TLS handshake fails, and the CLI's error says what the cluster needs.
        var none = await Assert.ThrowsAsync<CliException>(() => ClusterConnection.OpenAsync(Settings(cluster), _ => { }, CancellationToken.None));
        output.WriteLine($"no certificate: {none.Message}");
        Assert.Equal(ExitCodes.GatewayUnreachable, none.ExitCode);
        Assert.Contains("cannot connect to cluster", none.Message, StringComparison.Ordinal);
        Assert.Contains("give --tls-cert, --tls-key and --tls-ca", none.Message, StringComparison.Ordinal);

        // A certificate from another CA (and trusting that CA): each side refuses the other.
        var foreign = await Assert.ThrowsAsync<CliException>(() =>
            ClusterConnection.OpenAsync(Settings(cluster, otherCa.ClientCertificate, otherCa.ClientKey, otherCa.Ca), _ => { }, CancellationToken.None));
        output.WriteLine($"certificate from another CA: {foreign.Message}");
        Assert.Equal(ExitCodes.GatewayUnreachable, foreign.ExitCode);
        Assert.Contains("must use mutual TLS with the same CA", foreign.Message, StringComparison.Ordinal);

        // A self-signed certificate offered to the CLI with the cluster's CA: refused before any connection, naming the option.
        var (selfSigned, selfSignedKey) = otherCa.SelfSigned("intruder");
        var local = await Assert.ThrowsAsync<CliException>(() =>
            ClusterConnection.OpenAsync(Settings(cluster, selfSigned, selfSignedKey, certificates.Ca), _ => { }, CancellationToken.None));
        output.WriteLine($"self-signed, refused by the CLI: {local.Message}");
        Assert.Equal(ExitCodes.Usage, local.ExitCode);
        Assert.StartsWith("--tls-cert: the certificate in", local.Message, StringComparison.Ordinal);

        // The same self-signed certificate from a client that does trust the cluster's CA: only the gateway can refuse it, and does.
        var refused = await ConnectRawAsync(cluster, selfSigned, selfSignedKey, certificates.Ca);
        output.WriteLine($"self-signed, refused by the gateway: {refused.GetType().Name}: {refused.Message}");

        // Refusals cost the silos nothing: the CA's client still submits, and its key still names the first job.
        var (again, existing) = await SubmitWithCertificateAsync(cluster, certificates, "after the refusals", key);
        Assert.True(existing);
        Assert.Equal(firstJob, again);
        Assert.All(cluster.Silos, s => Assert.False(s.Output().Contains("Unhandled exception", StringComparison.Ordinal), s.Output()));
    }

    [SkippableTheory]
    [InlineData("SerialCluster:Silo:Tls:CertificatePath: is required when TLS is on", "Tls:Enabled=true")]
    [InlineData(
        "SerialCluster:Silo:Tls:KeyPath: no such file: '/nonexistent/silo.key'",
        "Tls:Enabled=true",
        "Tls:CertificatePath={silo.pem}",
        "Tls:KeyPath=/nonexistent/silo.key",
        "Tls:CaPath={ca.pem}")]
    [InlineData("SerialCluster:Silo:Tls:KeyPath: '", "Tls:Enabled=true", "Tls:CertificatePath={silo.pem}", "Tls:KeyPath={client.key}", "Tls:CaPath={ca.pem}")]
    [InlineData(
        "SerialCluster:Silo:Tls:CertificatePath: the certificate in '",
        "Tls:Enabled=true",
        "Tls:CertificatePath={silo.pem}",
        "Tls:KeyPath={silo.key}",
        "Tls:CaPath={other}")]
    [InlineData(
        "does not allow server authentication (serverAuth)",
        "Tls:Enabled=true",
        "Tls:CertificatePath={client.pem}",
        "Tls:KeyPath={client.key}",
        "Tls:CaPath={ca.pem}")]
    public async Task BadTlsSettingStopsTheSiloNamingTheKey(string expected, params string[] settings)
    {
        using var certificates = await DevCertificates.CreateAsync();
        using var otherCa = await DevCertificates.CreateAsync();
        var arguments = settings.Select(s => "--SerialCluster:Silo:" + s
            .Replace("{other}", otherCa.Ca, StringComparison.Ordinal)
            .Replace("{silo.pem}", certificates.SiloCertificate, StringComparison.Ordinal)
            .Replace("{silo.key}", certificates.SiloKey, StringComparison.Ordinal)
            .Replace("{client.pem}", certificates.ClientCertificate, StringComparison.Ordinal)
            .Replace("{client.key}", certificates.ClientKey, StringComparison.Ordinal)
            .Replace("{ca.pem}", certificates.Ca, StringComparison.Ordinal));
        using var silo = ChildProcess.Start("silo", "dotnet", [SiloProcess.SiloDll, .. arguments], AppContext.BaseDirectory);
        var exitCode = await silo.WaitForExitAsync(TimeSpan.FromSeconds(60));
        output.WriteLine(silo.Output());
        Assert.Equal(2, exitCode);
        Assert.Contains(expected, silo.Output(), StringComparison.Ordinal);
    }

    private static ClusterSettings Settings(ProcessCluster cluster, string? certificate = null, string? key = null, string? ca = null) => new()
    {
        Redis = cluster.Redis.ConnectionString,
        ClusterId = cluster.ClusterId,
        TlsCertificate = certificate,
        TlsKey = key,
        TlsCa = ca,
    };

    private async Task<(string JobId, bool Existing)> SubmitWithCertificateAsync(
        ProcessCluster cluster, DevCertificates certificates, string when, string idempotencyKey)
    {
        await using var connection = await ClusterConnection.OpenAsync(
            Settings(cluster, certificates.ClientCertificate, certificates.ClientKey, certificates.Ca), _ => { }, CancellationToken.None);
        var management = connection.Client.GetGrain<IManagementGrain>(0);
        var members = await Poll.UntilAsync(
            "both TLS silos to be active in membership",
            TimeSpan.FromSeconds(30),
            async () =>
            {
                var active = await management.GetDetailedHosts(onlyActive: true);
                return active.Length == Names.Length ? active : null;
            });

        // Each silo's worker answers: calls to the silo behind the gateway travel the silo-to-silo TLS link.
        var capacities = await Task.WhenAll(
            members.Select(m => connection.Client.GetGrain<IWorkerGrain>(SiloKey.Format(m.SiloAddress, "worker")).GetCapacityAsync()));
        Assert.Equal(Names, capacities.Select(c => c.Silo).Order(StringComparer.Ordinal));

        var spec = new JobSpec("montecarlo", new() { ["samples"] = "2000000", ["tasks"] = "4", ["seed"] = "3" }, JobMode.Scatter, 2);
        using var deadline = new CancellationTokenSource(ProcessCluster.JobDeadline);
        var runner = new JobRunner(connection.Client);
        var status = await runner.RunAsync(spec, (_, _, _) => { }, deadline.Token, idempotencyKey);
        output.WriteLine(
            $"{when}: job {status.JobId} {status.State} (existing: {runner.ExistingJob}) over " +
            $"{string.Join(", ", status.Profile?.Silos.Select(s => $"{s.Key}×{s.Value}") ?? [])}");
        Assert.Equal(JobState.Completed, status.State);

        var overLimit = await Assert.ThrowsAsync<CliException>(() =>
            new JobRunner(connection.Client).RunAsync(spec with { Parameters = new() { ["samples"] = "20000000" } }, (_, _, _) => { }, deadline.Token));
        output.WriteLine($"{when}, over the configured limit: {overLimit.Message}");
        Assert.Contains(
            "work of 20,000,000 samples (from samples=20000000) exceeds the limit of 10,000,000 (SerialCluster:Limits:MaxWorkUnits)",
            overLimit.Message,
            StringComparison.Ordinal);
        return (status.JobId, runner.ExistingJob);
    }

    /// <summary>An Orleans client that presents <paramref name="certificate"/> and trusts the cluster's CA; returns why it could not connect.</summary>
    private static async Task<Exception> ConnectRawAsync(ProcessCluster cluster, string certificate, string key, string ca)
    {
        using var presented = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPemFile(certificate, key);
        using var authority = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(File.ReadAllText(ca));
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client =>
        {
            client.UseRedisClustering(o => o.ConfigurationOptions = ConfigurationOptions.Parse(cluster.Redis.ConnectionString));
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = cluster.ClusterId;
                o.ServiceId = ProcessCluster.ServiceId;
            });
            client.UseTls(presented, o => o.RemoteCertificateValidation = (c, _, _) => ClusterTls.IsSignedBy(c, authority, out _));
        });
        using var host = builder.Build();
        using var timeout = new CancellationTokenSource(RefusalDeadline);
        var error = await Record.ExceptionAsync(async () =>
        {
            await host.StartAsync(timeout.Token);
            // Should the handshake ever pass, a call must still fail for the test to pass.
            await host.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        });
        Assert.NotNull(error);
        return error;
    }
}
