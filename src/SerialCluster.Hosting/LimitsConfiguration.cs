using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using SerialCluster.Grains.Limits;

namespace SerialCluster.Hosting;

/// <summary>Reads <see cref="JobLimits"/> from section <c>SerialCluster:Limits</c> and checks them before the silo starts.</summary>
public static class LimitsConfiguration
{
    /// <exception cref="OptionsValidationException">A limit is not a number or not positive; the message names its key.</exception>
    public static JobLimits Read(IConfiguration configuration)
    {
        var limits = new JobLimits();
        try
        {
            configuration.GetSection(JobLimits.SectionName).Bind(limits);
        }
        catch (InvalidOperationException e)
        {
            // The binder's message names the key and the type it wanted.
            throw new OptionsValidationException(JobLimits.SectionName, typeof(JobLimits), [e.Message]);
        }

        return limits.FirstProblem() is { } problem
            ? throw new OptionsValidationException(JobLimits.SectionName, typeof(JobLimits), [problem])
            : limits;
    }
}
