using System.Globalization;
using System.Runtime.InteropServices;

namespace SerialCluster.Grains.Calibration.Host;

/// <summary>The CPU as the operating system describes it: model name and current clock (MHz, 0 when unknown).</summary>
public sealed record CpuInfo(string Model, double ClockMHz)
{
    /// <summary>
    /// From <c>/proc/cpuinfo</c> on Linux ("model name", the average of every core's "cpu MHz"; ARM kernels
    /// name the model "Model", "Hardware" or "Processor" and may give no clock, then cpufreq's
    /// <c>scaling_cur_freq</c> is averaged). Elsewhere the architecture, and on Windows the
    /// processor identifier; clock 0.
    /// </summary>
    public static CpuInfo Read(string root = "/")
    {
        var parsed = Parse(SystemFiles.ReadOrNull(Path.Combine(root, "proc/cpuinfo")) ?? string.Empty);
        var clock = parsed.ClockMHz > 0 ? parsed.ClockMHz : CpufreqMHz(Path.Combine(root, "sys/devices/system/cpu"));
        var model = parsed.Model.Length > 0 ? parsed.Model : Fallback();
        return new CpuInfo(model, clock);
    }

    /// <summary>Parses the text of <c>/proc/cpuinfo</c>; an empty model and clock 0 where it says nothing.</summary>
    public static CpuInfo Parse(string content)
    {
        string? modelName = null;
        string? armModel = null;
        var clocks = new List<double>();
        foreach (var line in content.Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var key = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            switch (key)
            {
                case "model name":
                    modelName ??= value;
                    break;
                case "Model" or "Hardware" or "Processor":
                    armModel ??= value;
                    break;
                case "cpu MHz" when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var mhz) && mhz > 0:
                    clocks.Add(mhz);
                    break;
            }
        }

        return new CpuInfo(Collapse(modelName ?? armModel ?? string.Empty), clocks.Count > 0 ? clocks.Average() : 0);
    }

    private static double CpufreqMHz(string cpus)
    {
        if (!Directory.Exists(cpus))
        {
            return 0;
        }

        var khz = Directory.EnumerateDirectories(cpus, "cpu*")
            .Select(d => SystemFiles.ReadOrNull(Path.Combine(d, "cpufreq", "scaling_cur_freq")))
            .Select(t => double.TryParse(t?.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : 0)
            .Where(v => v > 0)
            .ToList();
        return khz.Count > 0 ? khz.Average() / 1000 : 0;
    }

    private static string Fallback()
    {
        var identifier = Environment.GetEnvironmentVariable("PROCESSOR_IDENTIFIER");
        return !string.IsNullOrWhiteSpace(identifier)
            ? identifier.Trim()
            : $"{RuntimeInformation.ProcessArchitecture} CPU ({RuntimeInformation.OSDescription.Trim()})";
    }

    /// <summary>Some kernels pad model names with runs of spaces.</summary>
    private static string Collapse(string text) => string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
