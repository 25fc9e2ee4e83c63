using System.Globalization;
using System.Text.Json.Nodes;

namespace SerialCluster.Cli.Reports;

/// <summary>Invariant-culture formatting, and JSON numbers that stay valid JSON (NaN and infinities become null).</summary>
public static class Numbers
{
    public static string F(double value, string format = "F3") =>
        double.IsNaN(value) ? "—" : double.IsPositiveInfinity(value) ? "∞" : value.ToString(format, CultureInfo.InvariantCulture);

    public static string Csv(double value) =>
        double.IsFinite(value) ? value.ToString("R", CultureInfo.InvariantCulture) : string.Empty;

    public static JsonNode? JsonNumber(double value) => double.IsFinite(value) ? JsonValue.Create(value) : null;
}
