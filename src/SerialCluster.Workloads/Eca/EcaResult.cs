using System.Text.Json.Nodes;

namespace SerialCluster.Workloads.Eca;

/// <summary>The result from a stage's strips or from the whole-job chain's row: both must agree bit for bit.</summary>
internal static class EcaResult
{
    /// <summary>From the last stage's outputs: strip i's words first in output i, the centre strip's column after them.</summary>
    public static JsonObject FromStrips(EcaGeometry geometry, IReadOnlyList<byte[]> outputs)
    {
        using var digest = new EcaRowDigest();
        for (var strip = 0; strip < geometry.Strips; strip++)
        {
            var cells = geometry.StripEnd(strip) - geometry.StripStart(strip);
            digest.Append(EcaBits.ReadWords(outputs[strip], 0, geometry.StripWords(strip)), cells);
        }

        string? column = null;
        if (geometry.RecordCenter)
        {
            var strip = geometry.CenterStrip;
            column = Column(outputs[strip], geometry.StripWords(strip), geometry.Steps);
        }

        return digest.Result(column);
    }

    /// <summary>From one whole row's words followed by the column's words.</summary>
    public static JsonObject FromWholeRow(EcaGeometry geometry, byte[] output)
    {
        using var digest = new EcaRowDigest();
        digest.Append(EcaBits.ReadWords(output, 0, geometry.Words), geometry.Cells);
        return digest.Result(geometry.RecordCenter ? Column(output, geometry.Words, geometry.Steps) : null);
    }

    private static string Column(byte[] output, int firstWord, long steps) =>
        EcaBits.ToBitString(EcaBits.ReadWords(output, firstWord, EcaBits.WordsFor(steps + 1)), steps + 1);
}
