using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using SerialCluster.Abstractions.Calibration;
using SerialCluster.Grains.Hosting;

namespace SerialCluster.Hosting;

/// <summary>
/// Reads <see cref="SerialClusterOptions"/> from configuration section <c>SerialCluster:Silo</c> and checks
/// it before anything starts: a bad value fails with a message naming its key and what is allowed.
/// </summary>
public static class SerialClusterConfiguration
{
    private static readonly TimeSpan MinimumCalibrationDuration = TimeSpan.FromMilliseconds(200);

    /// <summary>Validates the section and returns the action that binds it onto the silo's options.</summary>
    /// <exception cref="OptionsValidationException">A value is missing its format or out of range.</exception>
    public static Action<SerialClusterOptions> Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(SiloHostOptions.SectionName);
        var role = section[nameof(SerialClusterOptions.Role)];
        if (role is not null && !IsRole(role))
        {
            throw Invalid(nameof(SerialClusterOptions.Role), $"'{role}' is not a role; allowed: any, serial, parallel");
        }

        var options = new SerialClusterOptions();
        try
        {
            section.Bind(options);
        }
        catch (InvalidOperationException e)
        {
            // The binder's message names the key and the type it wanted
            // ("Failed to convert configuration value '…' at 'SerialCluster:Silo:…' to type …").
            throw new OptionsValidationException(SiloHostOptions.SectionName, typeof(SerialClusterOptions), [e.Message]);
        }

        Check(options);
        return o => section.Bind(o);
    }

    private static void Check(SerialClusterOptions options)
    {
        if (options.CalibrationInterval < TimeSpan.Zero)
        {
            throw Invalid(nameof(SerialClusterOptions.CalibrationInterval), $"{options.CalibrationInterval} is negative; use 0 to measure only at start");
        }

        if (options.CalibrationDuration < MinimumCalibrationDuration)
        {
            throw Invalid(
                nameof(SerialClusterOptions.CalibrationDuration),
                $"{options.CalibrationDuration} is shorter than the minimum of {MinimumCalibrationDuration}");
        }

        if (options.HopProbeInterval < TimeSpan.Zero)
        {
            throw Invalid(nameof(SerialClusterOptions.HopProbeInterval), $"{options.HopProbeInterval} is negative; use 0 to never probe");
        }

        if (options.SingleThreadScoreOverride is { } score && (!double.IsFinite(score) || score <= 0))
        {
            throw Invalid(nameof(SerialClusterOptions.SingleThreadScoreOverride), $"{score} is not a positive score");
        }

        if (options.CalibrationLockDirectory is { } folder && !Directory.Exists(folder))
        {
            throw Invalid(nameof(SerialClusterOptions.CalibrationLockDirectory), $"'{folder}' is not a directory; allowed: an existing directory");
        }

        if (options.CalibrationCacheDirectory is { } cache && File.Exists(cache))
        {
            throw Invalid(nameof(SerialClusterOptions.CalibrationCacheDirectory), $"'{cache}' is a file; allowed: a directory (created if absent)");
        }

        if (options.CalibrationCacheLifetime <= TimeSpan.Zero)
        {
            throw Invalid(nameof(SerialClusterOptions.CalibrationCacheLifetime), $"{options.CalibrationCacheLifetime} is not positive; allowed: e.g. 01:00:00");
        }
    }

    /// <summary>A role by name only: the binder would also take a number, which says nothing to a reader.</summary>
    private static bool IsRole(string text) =>
        !text.Any(char.IsDigit) && Enum.TryParse<SiloRole>(text, ignoreCase: true, out var role) && Enum.IsDefined(role);

    private static OptionsValidationException Invalid(string property, string message)
    {
        var key = $"{SiloHostOptions.SectionName}:{property}";
        return new OptionsValidationException(key, typeof(SerialClusterOptions), [$"{key}: {message}"]);
    }
}
