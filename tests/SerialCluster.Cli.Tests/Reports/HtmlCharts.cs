using System.Text.RegularExpressions;

namespace SerialCluster.Cli.Tests.Reports;

/// <summary>Checks an HTML report embeds real PNG charts: data URIs that decode to the PNG signature and a sizeable image.</summary>
public static partial class HtmlCharts
{
    public static void AssertPngImages(string html, int expected)
    {
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        var images = DataUri().Matches(html).Select(m => Convert.FromBase64String(m.Groups[1].Value)).ToList();
        Assert.Equal(expected, images.Count);
        foreach (var png in images)
        {
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
            Assert.True(png.Length > 5000, $"a chart of {png.Length} bytes is too small to hold a plot");
        }
    }

    [GeneratedRegex("data:image/png;base64,([A-Za-z0-9+/=]+)")]
    private static partial Regex DataUri();
}
