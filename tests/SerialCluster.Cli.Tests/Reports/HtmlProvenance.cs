namespace SerialCluster.Cli.Tests.Reports;

/// <summary>Checks the provenance header every HTML page carries: command, UTC start, CPU and cores, load, version.</summary>
public static class HtmlProvenance
{
    public static void AssertHeader(string page, string commandStart)
    {
        Assert.Contains("<table class=\"provenance\">", page, StringComparison.Ordinal);
        Assert.Contains($"<th>command</th><td>serialcluster {commandStart}", page, StringComparison.Ordinal);
        Assert.Matches(@"<th>started \(UTC\)</th><td>\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ</td>", page);
        Assert.Matches(@"<th>CPU and cores</th><td>[^<]+; \d+ cores</td>", page);
        Assert.Matches(@"<th>load before → after</th><td>[^<]*(cores busy|cores)[^<]*\(measured around this command&#39;s runs\)", page);
        Assert.Matches(@"<th>version</th><td>\d+\.\d+", page);
    }
}
