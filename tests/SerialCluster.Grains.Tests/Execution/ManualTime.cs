namespace SerialCluster.Grains.Tests.Execution;

/// <summary>A clock the test moves by hand (timestamps only; timers are the system's).</summary>
public sealed class ManualTime : TimeProvider
{
    public long Now { get; set; } = 1;

    public override long GetTimestamp() => Now;

    public void Advance(TimeSpan by) => Now += (long)(by.TotalSeconds * TimestampFrequency);
}
