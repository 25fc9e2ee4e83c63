namespace SerialCluster.Grains.Reliability;

/// <summary>
/// Which failures of a task or chain call are the cluster's, not the computation's: a lost or stopping silo, a
/// rejected or timed-out message. Those are retried elsewhere (tasks are pure, chains resume from a checkpoint);
/// anything else is the kernel's own error and fails the job with its message.
/// </summary>
public static class TransientFailure
{
    public static bool IsTransient(Exception e) => e switch
    {
        AggregateException { InnerExceptions.Count: 1 } a => IsTransient(a.InnerExceptions[0]),
        SiloLostException or ChainSupersededException => true,
        OrleansException or TimeoutException or OperationCanceledException => true,
        System.Net.Sockets.SocketException or IOException => true,
        _ => false,
    };
}
