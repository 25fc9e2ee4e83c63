namespace SerialCluster.Cli.Output;

/// <summary>
/// One column of a <see cref="TerminalTable"/>: its header, alignment, and whether its cells are prose (free to wrap
/// between words) or tokens — numbers, names, ids — that must never be split across lines.
/// </summary>
public sealed record TerminalColumn(string Header, bool RightAligned = false, bool Prose = false)
{
    /// <summary>The narrowest a prose column is drawn before the table turns vertical.</summary>
    public const int MinimumProseWidth = 24;
}
