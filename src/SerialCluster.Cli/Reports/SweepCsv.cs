using System.Globalization;
using System.Text;

namespace SerialCluster.Cli.Reports;

/// <summary>A sweep's points as CSV, one row per P, invariant culture; non-finite numbers are empty cells.</summary>
public static class SweepCsv
{
    public const string Header =
        "p,seconds,speedup,efficiency,karpFlatt,runs,minSeconds,maxSeconds,spread,saturated,lowerBoundSeconds,brentSeconds,burdenedSeconds," +
        "amdahlSpeedup,uslSpeedup,predictedSeconds,capacity,amdahlOnMeasuredCoresSpeedup,amdahlPairedSpeedup,relativeSpeedup";

    public static string Build(SweepResult sweep)
    {
        var a = sweep.Analysis;
        var text = new StringBuilder().AppendLine(Header);
        foreach (var p in a.Points)
        {
            var bound = a.Bounds.FirstOrDefault(b => b.P == p.P);
            var check = sweep.Checks.First(c => c.P == p.P);
            text.AppendLine(string.Join(',',
                p.P.ToString(CultureInfo.InvariantCulture),
                Numbers.Csv(p.MedianSeconds),
                Numbers.Csv(p.Speedup),
                Numbers.Csv(p.Efficiency),
                Numbers.Csv(p.KarpFlatt),
                p.Runs.ToString(CultureInfo.InvariantCulture),
                Numbers.Csv(p.MinSeconds),
                Numbers.Csv(p.MaxSeconds),
                Numbers.Csv(p.Spread),
                p.Saturated ? "true" : "false",
                Numbers.Csv(bound?.LowerBoundSeconds ?? double.NaN),
                Numbers.Csv(bound?.BrentSeconds ?? double.NaN),
                Numbers.Csv(bound?.BurdenedSeconds ?? double.NaN),
                Numbers.Csv(a.Amdahl?.Speedup(p.P) ?? double.NaN),
                Numbers.Csv(a.Usl?.Speedup(p.P) ?? double.NaN),
                Numbers.Csv(check.PredictedSeconds),
                Numbers.Csv(a.CapacityAt(p.P)?.Capacity ?? double.NaN),
                Numbers.Csv(a.AmdahlOnMeasuredCores?.Speedup(p.P) ?? double.NaN),
                Numbers.Csv(a.AmdahlPaired?.Speedup(p.P) ?? double.NaN),
                Numbers.Csv(p.RelativeSpeedup)));
        }

        return text.ToString();
    }
}
