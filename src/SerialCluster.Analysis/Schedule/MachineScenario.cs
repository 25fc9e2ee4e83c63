namespace SerialCluster.Analysis.Schedule;

/// <summary>A hypothetical machine: this many cores, each <see cref="Speed"/> times as fast as the measured ones.</summary>
public sealed record MachineScenario(int Cores, double Speed);
