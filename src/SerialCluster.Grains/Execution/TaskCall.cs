namespace SerialCluster.Grains.Execution;

/// <summary>One task in flight under per-task dispatch: the task, the silo it went to, and when it was sent.</summary>
internal readonly record struct TaskCall(int Task, int Silo, long Dispatched);
