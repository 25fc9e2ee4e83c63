using System.Globalization;
using SerialCluster.Analysis.Scaling;

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

    public string Describe()
    {
        var culture = CultureInfo.InvariantCulture;
        var moreCores = string.Create(
            culture, $"{Factor:0.##}× the cores: {MoreCoresSeconds:F3} s ({SpeedChange.Describe(BaselineSeconds, MoreCoresSeconds)})");
        var fasterCores = string.Create(
            culture, $"cores {Factor:0.##}× as fast: {FasterCoresSeconds:F3} s ({SpeedChange.Describe(BaselineSeconds, FasterCoresSeconds)})");
        return string.Create(culture, $"from {FromCores} core(s) at {BaselineSeconds:F3} s: {moreCores}; {fasterCores} → {Choice}");
    }
}
