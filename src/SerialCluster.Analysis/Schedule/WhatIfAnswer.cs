using System.Globalization;

namespace SerialCluster.Analysis.Schedule;

/// <summary>The hardware question answered for one job: predicted time with factor× the cores against cores factor× as fast.</summary>
public sealed record WhatIfAnswer(double Factor, int FromCores, double BaselineSeconds, double MoreCoresSeconds, double FasterCoresSeconds)
{
    /// <summary>Within this share of each other the two upgrades count as equal.</summary>
    public const double Tie = 0.05;

    public string Choice =>
        Math.Abs(MoreCoresSeconds - FasterCoresSeconds) <= Tie * Math.Min(MoreCoresSeconds, FasterCoresSeconds)
            ? "either"
            : MoreCoresSeconds < FasterCoresSeconds ? "more cores" : "faster cores";

    public string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"from {FromCores} core(s) at {BaselineSeconds:F3} s: {Factor:0.##}× the cores: {MoreCoresSeconds:F3} s ({BaselineSeconds / MoreCoresSeconds:F2}× faster); cores {Factor:0.##}× as fast: {FasterCoresSeconds:F3} s ({BaselineSeconds / FasterCoresSeconds:F2}× faster) → {Choice}");
}
