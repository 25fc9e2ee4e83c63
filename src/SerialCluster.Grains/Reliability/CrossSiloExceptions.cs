using Orleans.Serialization;

namespace SerialCluster.Grains.Reliability;

/// <summary>
/// Exceptions that can reach another silo or a client without a generated codec of their own. Orleans' general
/// exception codec (type name, message, stack trace, inner exception) serializes only namespaces it is told to; any
/// other type fails the call with "Could not find a codec", hiding the real error and failing the caller's work.
/// </summary>
public static class CrossSiloExceptions
{
    /// <summary>
    /// The workloads' exceptions (their project has no Orleans reference, so no generated codec) and the Redis
    /// client's (inner exceptions of storage failures). SerialCluster's grain-side exceptions have generated codecs.
    /// </summary>
    public static readonly IReadOnlyList<string> GeneralCodecNamespaces = ["SerialCluster.Workloads", "StackExchange.Redis"];

    /// <summary>Lets Orleans' general exception codec serialize <see cref="GeneralCodecNamespaces"/>.</summary>
    public static void Allow(ExceptionSerializationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var prefix in GeneralCodecNamespaces)
        {
            options.SupportedNamespacePrefixes.Add(prefix);
        }
    }
}
