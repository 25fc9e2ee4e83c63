namespace SerialCluster.Analysis.Scaling;

/// <summary>
/// One measured run: the parallelism it ran at, its wall time in seconds, and the sweep's repeat round it ran in (0 when
/// not known; the paired fit, <see cref="PairedAmdahlFit"/>, needs it to pair a run with its round's capacity control).
/// </summary>
public sealed record Observation(int P, double Seconds, int Repeat = 0);
