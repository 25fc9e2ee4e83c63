using System.Text.Json.Serialization;

namespace SerialCluster.Grains.Calibration;

/// <summary>The cache file's serializer, generated at build time: a silo's start reads it, and reflection would cost start time.</summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(List<CachedCalibration>))]
internal sealed partial class CalibrationCacheJsonContext : JsonSerializerContext;
