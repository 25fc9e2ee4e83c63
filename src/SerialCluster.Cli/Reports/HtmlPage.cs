using System.Net;
using System.Text;

namespace SerialCluster.Cli.Reports;

/// <summary>A self-contained HTML report: headings, paragraphs, tables and PNG charts embedded as data URIs (one file, no assets).</summary>
public sealed class HtmlPage(string title)
{
    private readonly StringBuilder _body = new();
    private Provenance? _provenance;

    /// <summary>The provenance header shown under the title (<see cref="Provenance"/>).</summary>
    public HtmlPage WithProvenance(Provenance provenance)
    {
        _provenance = provenance;
        return this;
    }

    public HtmlPage Heading(string text)
    {
        _body.Append("<h2>").Append(WebUtility.HtmlEncode(text)).AppendLine("</h2>");
        return this;
    }

    public HtmlPage Paragraph(string text)
    {
        _body.Append("<p>").Append(WebUtility.HtmlEncode(text)).AppendLine("</p>");
        return this;
    }

    public HtmlPage List(IEnumerable<string> items)
    {
        _body.AppendLine("<ul>");
        foreach (var item in items)
        {
            _body.Append("<li>").Append(WebUtility.HtmlEncode(item)).AppendLine("</li>");
        }

        _body.AppendLine("</ul>");
        return this;
    }

    public HtmlPage Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        _body.AppendLine("<table><thead><tr>");
        foreach (var cell in header)
        {
            _body.Append("<th>").Append(WebUtility.HtmlEncode(cell)).Append("</th>");
        }

        _body.AppendLine("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            _body.Append("<tr>");
            foreach (var cell in row)
            {
                _body.Append("<td>").Append(WebUtility.HtmlEncode(cell)).Append("</td>");
            }

            _body.AppendLine("</tr>");
        }

        _body.AppendLine("</tbody></table>");
        return this;
    }

    public HtmlPage Image(byte[] png, string alt)
    {
        _body.Append("<img alt=\"").Append(WebUtility.HtmlEncode(alt)).Append("\" src=\"data:image/png;base64,")
            .Append(Convert.ToBase64String(png)).AppendLine("\"/>");
        return this;
    }

    public override string ToString() =>
        $$"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"/><title>{{WebUtility.HtmlEncode(title)}}</title>
        <style>body{font-family:sans-serif;max-width:960px;margin:2em auto;color:#222}table{border-collapse:collapse;margin:1em 0}td,
        th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#f3f3f3}
        table.provenance td,table.provenance th{text-align:left;font-size:90%}img{max-width:100%;border:1px solid #eee;margin:0.5em 0}</style>
        </head><body><h1>{{WebUtility.HtmlEncode(title)}}</h1>
        {{ProvenanceTable()}}
        {{_body}}
        </body></html>
        """;

    private string ProvenanceTable()
    {
        if (_provenance is null)
        {
            return string.Empty;
        }

        var table = new StringBuilder("<table class=\"provenance\"><tbody>");
        foreach (var (name, value) in _provenance.Rows())
        {
            table.Append("<tr><th>").Append(WebUtility.HtmlEncode(name)).Append("</th><td>").Append(WebUtility.HtmlEncode(value)).Append("</td></tr>");
        }

        return table.Append("</tbody></table>").ToString();
    }

    /// <summary>Writes the page; one clear line naming the file when it cannot.</summary>
    public void Save(string path, string option)
    {
        try
        {
            File.WriteAllText(path, ToString());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.BadInput, $"{option} '{path}' cannot be written: {e.Message}", e);
        }
    }
}
