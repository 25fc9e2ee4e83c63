namespace SerialCluster.Integration.Tests.Infrastructure;

/// <summary>A silo to start: its name, extra <c>--SerialCluster:Silo:…</c> settings, and optional taskset CPUs.</summary>
public sealed record SiloSpec(string Name, IReadOnlyList<string>? Settings = null, string? Cpus = null);
