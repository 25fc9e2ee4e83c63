namespace SerialCluster.Workloads.Tests.Fuzzing;

/// <summary>
/// Runs one fuzzed input with a deadline, so a hang fails the test naming the input instead of wedging the run.
/// The deadline is a hang detector, far above any input's normal cost, not a performance assertion.
/// </summary>
internal static class Bounded
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    public static T Run<T>(Func<T> work, Func<string> describe)
    {
        var task = Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            if (!task.Wait(Deadline))
            {
                throw new TimeoutException($"no result within {Deadline.TotalSeconds} s (a hang) for input: {describe()}");
            }
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }

        return task.Result;
    }
}
