using Spectre.Console;

namespace SerialCluster.Cli.Output;

/// <summary>
/// A table for the terminal that never splits a number or a name across lines. Drawn as a bordered table when it fits
/// the console's width (token columns never wrap, prose columns wrap between words); otherwise, or below
/// <see cref="VerticalBelow"/> columns, drawn vertically: one block per row, one "header  value" line per cell.
/// Redirected output is wide (<see cref="ConsoleStreams"/>), so logs and pipes get the full table.
/// </summary>
public sealed class TerminalTable(string? title = null)
{
    private readonly List<TerminalColumn> _columns = [];
    private readonly List<string[]> _rows = [];

    /// <summary>Consoles narrower than this get the vertical layout even when the table would fit.</summary>
    public int VerticalBelow { get; init; }

    public TerminalTable AddColumn(string header, bool rightAligned = false, bool prose = false)
    {
        _columns.Add(new TerminalColumn(header, rightAligned, prose));
        return this;
    }

    /// <summary>Adds a row of markup cells, one per column.</summary>
    public TerminalTable AddRow(params string[] cells)
    {
        if (cells.Length != _columns.Count)
        {
            throw new ArgumentException($"a row of {cells.Length} cells in a table of {_columns.Count} columns", nameof(cells));
        }

        _rows.Add(cells);
        return this;
    }

    /// <summary>The width the bordered table needs with every token column whole and prose columns at their minimum.</summary>
    public int RequiredWidth()
    {
        var width = 1;
        for (var i = 0; i < _columns.Count; i++)
        {
            var widest = _rows.Select(r => Width(r[i])).Append(_columns[i].Prose ? 0 : Width(_columns[i].Header)).DefaultIfEmpty(0).Max();
            width += (_columns[i].Prose ? Math.Min(widest, TerminalColumn.MinimumProseWidth) : widest) + 3;
        }

        return width;
    }

    /// <summary>True when <paramref name="consoleWidth"/> gets the vertical layout.</summary>
    public bool IsVertical(int consoleWidth) => consoleWidth < VerticalBelow || RequiredWidth() > consoleWidth;

    public void Write(IAnsiConsole console)
    {
        if (IsVertical(console.Profile.Width))
        {
            WriteVertical(console);
            return;
        }

        var table = new Table().Border(TableBorder.Rounded);
        if (title is not null)
        {
            table.Title(Markup.Escape(title));
        }

        foreach (var column in _columns)
        {
            var spectre = new TableColumn(Markup.Escape(column.Header));
            spectre = column.RightAligned ? spectre.RightAligned() : spectre;
            table.AddColumn(column.Prose ? spectre : spectre.NoWrap());
        }

        foreach (var row in _rows)
        {
            table.AddRow(row);
        }

        console.Write(table);
    }

    private void WriteVertical(IAnsiConsole console)
    {
        if (title is not null)
        {
            console.MarkupLine($"[bold]{Markup.Escape(title)}[/]");
        }

        var keyWidth = _columns.Skip(1).Select(c => Width(c.Header)).DefaultIfEmpty(0).Max();
        foreach (var row in _rows)
        {
            console.MarkupLine($"[bold]{Markup.Escape(_columns[0].Header)} {row[0]}[/]");
            for (var i = 1; i < _columns.Count; i++)
            {
                if (Markup.Remove(row[i]).Length == 0)
                {
                    continue;
                }

                var header = _columns[i].Header.Length == 0 ? "note" : _columns[i].Header;
                console.MarkupLine($"  {Markup.Escape(header.PadRight(keyWidth))}  {row[i]}");
            }
        }
    }

    private static int Width(string markup) => Markup.Remove(markup).GetCellWidth();
}
