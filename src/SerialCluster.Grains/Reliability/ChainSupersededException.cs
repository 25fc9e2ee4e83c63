namespace SerialCluster.Grains.Reliability;

/// <summary>
/// A newer run of this chain (on another silo, after this one was taken for lost) claimed its checkpoint, so this
/// run's write was refused by the storage's ETag check: this run stops and never overwrites newer state.
/// </summary>
[GenerateSerializer, Alias("SerialCluster.ChainSupersededException")]
public sealed class ChainSupersededException(string key, Exception inner)
    : Exception($"a newer run of chain {key} took over its checkpoint; this run stops", inner);
