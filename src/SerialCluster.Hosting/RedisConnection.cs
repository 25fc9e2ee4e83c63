using StackExchange.Redis;

namespace SerialCluster.Hosting;

/// <summary>Parses the operator's Redis configuration string once, so a typo fails at start naming the key.</summary>
public static class RedisConnection
{
    public static bool TryParse(string text, out ConfigurationOptions? options, out string? error)
    {
        try
        {
            options = ConfigurationOptions.Parse(text);
            if (options.EndPoints.Count == 0)
            {
                error = "it names no endpoint";
                options = null;
                return false;
            }

            error = null;
            return true;
        }
        catch (ArgumentException e)
        {
            options = null;
            error = e.Message;
            return false;
        }
    }

    /// <summary>The options for one connection (each provider gets its own copy: they own and dispose their multiplexers).</summary>
    public static ConfigurationOptions Parse(string text) =>
        TryParse(text, out var options, out var error) ? options! : throw new ArgumentException(error, nameof(text));
}
