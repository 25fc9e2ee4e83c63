using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SerialCluster.Hosting;

// The whole silo is in SerialCluster.Hosting, shared with the CLI's embedded cluster; this process adds its console.
var builder = Host.CreateApplicationBuilder(args);
try
{
    builder.AddSerialClusterSilo();
    builder.AddSiloConsoleLog();
}
catch (OptionsValidationException e)
{
    Console.Error.WriteLine($"serialcluster-silo: invalid configuration: {string.Join("; ", e.Failures)}");
    return 2;
}

// The generic host stops gracefully on SIGTERM and Ctrl+C: Orleans leaves the cluster before exiting. A silo
// that stopped itself to rejoin (MembershipWatch) set a non-zero exit status for its supervisor.
await builder.Build().RunAsync();
return Environment.ExitCode;
