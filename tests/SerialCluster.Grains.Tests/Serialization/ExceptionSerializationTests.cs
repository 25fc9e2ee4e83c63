using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Grains.Reliability;
using SerialCluster.Workloads.Parameters;

namespace SerialCluster.Grains.Tests.Serialization;

/// <summary>
/// Every exception type of SerialCluster's silo-side assemblies survives Orleans' serializer, as a call's failure
/// crossing from one silo to another or to a client: same type, same message, same inner exception, and (for types
/// with a generated codec) the same properties. A type the serializer cannot write fails the call with
/// "Could not find a codec" instead of its own error.
/// </summary>
public sealed class ExceptionSerializationTests
{
    private static readonly Assembly[] SiloAssemblies =
    [
        typeof(JobSpec).Assembly, // Abstractions
        typeof(InvalidParameterException).Assembly, // Workloads
        typeof(SerialCluster.CostModel.Shapes.PlanVariants).Assembly,
        typeof(SerialCluster.Analysis.Scaling.CurveFitter).Assembly,
        typeof(SiloLostException).Assembly, // Grains
    ];

    public static TheoryData<string> ExceptionTypes()
    {
        var data = new TheoryData<string>();
        foreach (var type in AllExceptionTypes())
        {
            data.Add(type.AssemblyQualifiedName!);
        }

        return data;
    }

    [Fact]
    public void TheSiloAssembliesHaveExceptionTypesToCheck() =>
        Assert.Contains(typeof(ChainSupersededException), AllExceptionTypes());

    [Theory]
    [MemberData(nameof(ExceptionTypes))]
    public void AnExceptionRoundTripsThroughOrleansSerializer(string typeName)
    {
        var type = Type.GetType(typeName, throwOnError: true)!;
        var original = Create(type);
        var serializer = SiloSerializer();

        var copy = serializer.Deserialize<Exception>(serializer.SerializeToArray<Exception>(original));

        Assert.IsType(type, copy);
        Assert.Equal(original.Message, copy.Message);
        Assert.Equal(original.InnerException?.GetType(), copy.InnerException?.GetType());
        Assert.Equal(original.InnerException?.Message, copy.InnerException?.Message);
        if (type.GetCustomAttribute<GenerateSerializerAttribute>() is not null)
        {
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                Assert.Equal(property.GetValue(original), property.GetValue(copy));
            }
        }
    }

    private static Serializer SiloSerializer() =>
        new ServiceCollection()
            .AddSerializer(b => b.AddAssembly(typeof(SiloLostException).Assembly))
            .Configure<ExceptionSerializationOptions>(CrossSiloExceptions.Allow)
            .BuildServiceProvider()
            .GetRequiredService<Serializer>();

    private static List<Type> AllExceptionTypes() =>
        [.. SiloAssemblies.Distinct().SelectMany(a => a.GetTypes())
            .Where(t => typeof(Exception).IsAssignableFrom(t) && !t.IsAbstract && !t.IsGenericTypeDefinition)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)];

    /// <summary>An instance from the public constructor with the fewest parameters, each given a sample value.</summary>
    private static Exception Create(Type type)
    {
        var constructor = type.GetConstructors().OrderBy(c => c.GetParameters().Length).First();
        var arguments = constructor.GetParameters().Select(p => Sample(p.ParameterType, p.Name!)).ToArray();
        return (Exception)constructor.Invoke(arguments);
    }

    private static object? Sample(Type type, string name) => type switch
    {
        _ when type == typeof(string) => $"sample {name}",
        _ when type == typeof(int) => 7,
        _ when type == typeof(long) => 7L,
        _ when type == typeof(double) => 7.5,
        _ when type == typeof(Exception) => new InvalidOperationException($"inner of {name}"),
        _ when type.IsEnum => Enum.GetValues(type).GetValue(Enum.GetValues(type).Length - 1),
        _ when type.IsAssignableFrom(typeof(string[])) => new[] { "a", "b" },
        _ => throw new NotSupportedException($"no sample value for a {type} parameter '{name}': extend {nameof(Sample)}"),
    };
}
