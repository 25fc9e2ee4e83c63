namespace SerialCluster.Integration.Tests.Infrastructure;

/// <summary>What these tests need from the machine, and the skip message naming how to install it.</summary>
public static class Requirements
{
    public const string RedisMissing = "redis-server not found: apt-get install -y redis-server";
    public const string TasksetMissing = "taskset not found: apt-get install -y util-linux";
    public const string OpensslMissing = "openssl not found: apt-get install -y openssl";

    /// <summary>Skips the test unless <c>redis-server</c> is on PATH; returns its path.</summary>
    public static string RedisServer() => Program("redis-server") ?? throw new SkipException(RedisMissing);

    /// <summary>Skips the test unless <c>taskset</c> is on PATH; returns its path.</summary>
    public static string Taskset() => Program("taskset") ?? throw new SkipException(TasksetMissing);

    /// <summary>Skips the test unless <c>openssl</c> is on PATH (deploy/tls/make-dev-certs.sh uses it); returns its path.</summary>
    public static string Openssl() => Program("openssl") ?? throw new SkipException(OpensslMissing);

    /// <summary>The full path of an executable found on PATH, or null.</summary>
    public static string? Program(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
    }
}
