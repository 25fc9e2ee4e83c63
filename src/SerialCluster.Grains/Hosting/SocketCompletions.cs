namespace SerialCluster.Grains.Hosting;

/// <summary>
/// Runs socket completions on the socket event thread instead of handing each one to the thread pool first
/// (.NET's <c>DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS</c>, read once, at the process's first socket). A grain
/// call between silos crosses a socket each way, and each hand-off to a pool thread that has gone to sleep costs a
/// wake-up: on this project's 2-vCPU VM the bench's cross-silo round trip went from 61–80 µs to 45–61 µs with it
/// (docs/BENCHMARKS.md, target 4). Orleans' socket continuations only parse and queue messages (grain code runs on
/// the activation's scheduler), so nothing long runs on the event thread. The silo and the CLI turn it on first thing
/// in <c>Main</c>; setting the variable yourself (<c>0</c> turns it off) wins.
/// </summary>
public static class SocketCompletions
{
    public const string Variable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>Whether the process will run socket completions inline: on unless the variable says otherwise.</summary>
    public static bool Inline => Environment.GetEnvironmentVariable(Variable) is not { Length: > 0 } value || value == "1";

    /// <summary>
    /// Sets the variable to <c>1</c> for this process unless it is already set; returns whether completions run
    /// inline. Must run before the process opens its first socket (the runtime reads the variable once).
    /// </summary>
    public static bool InlineUnlessSet()
    {
        if (Environment.GetEnvironmentVariable(Variable) is not { Length: > 0 })
        {
            Environment.SetEnvironmentVariable(Variable, "1");
        }

        return Inline;
    }
}
