namespace SerialCluster.Cli.Jobs;

/// <summary>
/// Tells a cluster's passing failures (a silo stopping or dying, storage not answering, a call timing out) from
/// errors that retrying cannot fix, and names them in one line. Storage errors are recognised by name anywhere in
/// the exception chain: the client may not be able to load the storage provider's exception type itself.
/// </summary>
public static class ClusterFailures
{
    /// <summary>The most of a cause's message shown: storage clients write pages of diagnostics into theirs.</summary>
    private const int MaxCause = 160;

    private static readonly string[] StorageWords = ["Redis", "storage provider", "StorageException", "InconsistentState"];

    /// <summary>True when <paramref name="e"/>, or an exception inside it, comes from the cluster's storage.</summary>
    public static bool IsStorage(Exception e) =>
        Chain(e).Any(x => Mentions(x.GetType().FullName) || Mentions(FirstLine(x.Message)) || x is TypeLoadException { TypeName: var t } && Mentions(t));

    /// <summary>
    /// True when the same call may succeed if repeated: storage errors, time-outs and Orleans' own failures (a lost
    /// silo, a rejected message, a stopping gateway). Submissions are repeated with the same job id, so it is safe.
    /// </summary>
    public static bool IsTransient(Exception e) =>
        e is not CliException && (IsStorage(e) || Chain(e).Any(x => x is TimeoutException or OrleansException));

    /// <summary>What failed, in one line: the storage or the cluster, and the first line of the innermost cause.</summary>
    public static string Describe(Exception e)
    {
        var innermost = Chain(e).Last();
        var message = FirstLine(innermost.Message);
        var cause = $"{innermost.GetType().Name}: {(message.Length > MaxCause ? message[..MaxCause] + "…" : message)}";
        return IsStorage(e) ? $"the cluster's storage did not answer ({cause})" : $"the cluster did not answer ({cause})";
    }

    /// <summary>The first line of <paramref name="text"/>.</summary>
    public static string FirstLine(string text)
    {
        var newline = text.IndexOfAny(['\r', '\n']);
        return newline < 0 ? text : text[..newline];
    }

    private static bool Mentions(string? text) =>
        text is not null && StorageWords.Any(w => text.Contains(w, StringComparison.OrdinalIgnoreCase));

    private static IEnumerable<Exception> Chain(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
        {
            yield return x;
            if (x is AggregateException { InnerExceptions.Count: > 1 } many)
            {
                foreach (var inner in many.InnerExceptions)
                {
                    yield return inner;
                }
            }
        }
    }
}
