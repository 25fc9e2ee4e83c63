using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using SerialCluster.Grains.Limits;
using SerialCluster.Hosting;
using SerialCluster.Integration.Tests.Infrastructure;

namespace SerialCluster.Integration.Tests.Hosting;

/// <summary>Section <c>SerialCluster:Limits</c>: read onto <see cref="JobLimits"/>, and a bad value stops the silo naming its key.</summary>
public sealed class LimitsConfigurationTests
{
    [Fact]
    public void LimitsAreReadFromTheSectionAndTheRestKeepTheirDefaults()
    {
        var limits = LimitsConfiguration.Read(Configuration(("MaxWorkUnits", "1000000"), ("MaxParallelism", "16")));
        Assert.Equal(1_000_000, limits.MaxWorkUnits);
        Assert.Equal(16, limits.MaxParallelism);
        Assert.Equal(JobLimits.DefaultMaxParameterCharacters, limits.MaxParameterCharacters);
        Assert.Equal(JobLimits.DefaultMaxTasksPerStage, limits.MaxTasksPerStage);
    }

    [Theory]
    [InlineData("MaxTasksPerStage", "0", "SerialCluster:Limits:MaxTasksPerStage: 0 is not a positive limit")]
    [InlineData("MaxWorkUnits", "-5", "SerialCluster:Limits:MaxWorkUnits: -5 is not a positive limit")]
    [InlineData("MaxParallelism", "lots", "'SerialCluster:Limits:MaxParallelism'")]
    public void ABadLimitIsRefusedNamingItsKey(string key, string value, string expected)
    {
        var error = Assert.Throws<OptionsValidationException>(() => LimitsConfiguration.Read(Configuration((key, value))));
        Assert.Contains(expected, string.Join("; ", error.Failures), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task ASiloWithABadLimitDoesNotStart()
    {
        using var silo = ChildProcess.Start("silo", "dotnet", [SiloProcess.SiloDll, "--SerialCluster:Limits:MaxStages=0"], AppContext.BaseDirectory);
        var exitCode = await silo.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(2, exitCode);
        Assert.Contains("SerialCluster:Limits:MaxStages: 0 is not a positive limit", silo.Output(), StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>($"{JobLimits.SectionName}:{s.Key}", s.Value)))
            .Build();
}
