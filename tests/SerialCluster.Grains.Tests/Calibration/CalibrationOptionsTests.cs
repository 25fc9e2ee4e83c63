using SerialCluster.Grains.Calibration;
using SerialCluster.Grains.Hosting;

namespace SerialCluster.Grains.Tests.Calibration;

public sealed class CalibrationOptionsTests
{
    [Fact]
    public void DefaultsAreValid() => CalibrationService.Validate(new SerialClusterOptions());

    [Theory]
    [InlineData("CalibrationDuration")]
    [InlineData("CalibrationInterval")]
    [InlineData("SingleThreadScoreOverride")]
    [InlineData("UsableCoresOverride")]
    [InlineData("CalibrationCacheLifetime")]
    public void AnInvalidSettingFailsNamingItsKey(string key)
    {
        var options = new SerialClusterOptions();
        switch (key)
        {
            case "CalibrationDuration":
                options.CalibrationDuration = TimeSpan.FromMilliseconds(199);
                break;
            case "CalibrationInterval":
                options.CalibrationInterval = TimeSpan.FromSeconds(-1);
                break;
            case "SingleThreadScoreOverride":
                options.SingleThreadScoreOverride = 0;
                break;
            case "CalibrationCacheLifetime":
                options.CalibrationCacheLifetime = TimeSpan.Zero;
                break;
            default:
                options.UsableCoresOverride = double.NaN;
                break;
        }

        var error = Assert.Throws<ArgumentException>(() => CalibrationService.Validate(options));
        Assert.StartsWith($"SerialCluster:Silo:{key} is ", error.Message, StringComparison.Ordinal);
    }
}
