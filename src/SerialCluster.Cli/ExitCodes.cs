namespace SerialCluster.Cli;

/// <summary>One exit code per class of failure, so scripts can tell them apart.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The job ran and failed on the cluster, or the cluster refused it; also an unexpected error (named by its type).</summary>
    public const int JobFailed = 1;

    /// <summary>
    /// The command line itself is wrong: unknown command or option, a branch (<c>jobs</c>) without its subcommand,
    /// missing argument, an option value of the wrong type or out of range.
    /// </summary>
    public const int Usage = 2;

    public const int UnknownWorkload = 3;

    public const int UnknownParameter = 4;

    /// <summary>
    /// A parameter value that does not parse as its type, or a file given with @path that cannot be read, is a
    /// directory, empty or blank, or not text.
    /// </summary>
    public const int MalformedParameter = 5;

    public const int ParameterOutOfRange = 6;

    /// <summary>The cluster gateway could not be reached.</summary>
    public const int GatewayUnreachable = 7;

    /// <summary>
    /// A --from file that cannot be read, or is not the document the command reads; or an output file (--html, --csv,
    /// --markdown, --report) that cannot be written, found before any work starts where the path shows it.
    /// </summary>
    public const int BadInput = 8;

    /// <summary>No job has that id (never submitted, deleted, or past retention), or it has not completed where a result is needed.</summary>
    public const int JobNotFound = 9;

    /// <summary>The job is still running: cancel it first.</summary>
    public const int JobRunning = 10;

    /// <summary>
    /// The job was accepted, but the cluster no longer has it: its stored record vanished (storage wiped, or Redis
    /// restarted empty) while it was followed.
    /// </summary>
    public const int JobLost = 11;

    /// <summary>
    /// The cluster (its storage, or every silo asked) did not answer in time, also after retries: nothing was
    /// decided, the same command may be repeated.
    /// </summary>
    public const int ClusterUnavailable = 12;

    /// <summary>
    /// <c>up</c>: the local cluster did not start (a port in use, Redis not answering, a silo that failed, not ready in
    /// time); nothing of it is left running, and the message names the cause and its log. Also <c>up</c> or <c>down</c>
    /// finding a local cluster process whose gateway does not answer, and <c>down</c> unable to stop it.
    /// </summary>
    public const int LocalClusterFailed = 13;

    /// <summary>Interrupted by Ctrl+C (SIGINT), or the job was cancelled.</summary>
    public const int Cancelled = 130;

    /// <summary>
    /// A command a signal ended exits this plus the signal's number, as a shell reports it: 129 SIGHUP, 130 SIGINT,
    /// 143 SIGTERM. Each cancels the job the command started and stops an embedded cluster first.
    /// </summary>
    public const int SignalBase = 128;
}
