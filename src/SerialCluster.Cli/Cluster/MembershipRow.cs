using System.Globalization;
using System.Net;
using System.Text.Json;

namespace SerialCluster.Cli.Cluster;

/// <summary>
/// What the CLI reads of one row of Orleans' Redis membership table (JSON): the silo's status, its last heartbeat and its
/// gateway (the silo's address, <c>{"SiloAddress":{"SiloAddress":"ip:port@generation"}}</c>, with its <c>ProxyPort</c>).
/// </summary>
public sealed record MembershipRow(int Status, DateTime? IAmAliveTime, IPEndPoint? Gateway)
{
    /// <summary>The row, or null when <paramref name="json"/> is not a silo entry (the table's version, say).</summary>
    public static MembershipRow? Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("Status", out var status) || !status.TryGetInt32(out var value))
            {
                return null;
            }

            const DateTimeStyles Utc = DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal;
            DateTime? alive = root.TryGetProperty("IAmAliveTime", out var time) && time.ValueKind == JsonValueKind.String
                && DateTime.TryParse(time.GetString(), CultureInfo.InvariantCulture, Utc, out var t)
                ? t
                : null;
            return new MembershipRow(value, alive, ReadGateway(root));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static IPEndPoint? ReadGateway(JsonElement root)
    {
        if (!root.TryGetProperty("SiloAddress", out var silo) || silo.ValueKind != JsonValueKind.Object
            || !silo.TryGetProperty("SiloAddress", out var text) || text.ValueKind != JsonValueKind.String
            || !root.TryGetProperty("ProxyPort", out var proxy) || !proxy.TryGetInt32(out var port) || port is < 1 or > 65535)
        {
            return null;
        }

        var address = text.GetString()!;
        var colon = address.LastIndexOf(':');
        return colon > 0 && IPAddress.TryParse(address[..colon].Trim('[', ']'), out var ip) ? new IPEndPoint(ip, port) : null;
    }
}
