using Spectre.Console.Cli;

namespace SerialCluster.Cli.Infrastructure;

/// <summary>Resolves command types from the built service provider.</summary>
public sealed class TypeResolver(IServiceProvider provider) : ITypeResolver, IDisposable
{
    public object? Resolve(Type? type) => type is null ? null : provider.GetService(type);

    public void Dispose() => (provider as IDisposable)?.Dispose();
}
