using System.Globalization;
using SerialCluster.Workloads.Parameters;

namespace SerialCluster.Workloads.Cvp;

/// <summary>
/// The Boolean circuit a workload's parameters name: an ISCAS <c>.bench</c> text in <c>circuit</c>, or, where it is empty,
/// a layered circuit generated from <c>layers</c>, <c>width</c> and <c>seed</c>. Errors name the workload's parameter (and
/// the file's line), as for every parameter.
/// </summary>
public static class NetlistSource
{
    public static Netlist Read(string workload, string? text, int layers, int width, ulong seed, long maxGeneratedGates)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if ((long)layers * width > maxGeneratedGates)
            {
                throw new InvalidParameterException(
                    ParameterErrorKind.OutOfRange, workload, "width", width.ToString(CultureInfo.InvariantCulture),
                    $"layers × width ≤ {maxGeneratedGates:N0}, so at most {maxGeneratedGates / layers:N0} with layers = {layers}");
            }

            return LayeredCircuitGenerator.Generate(layers, width, seed);
        }

        try
        {
            return BenchParser.Parse(text);
        }
        catch (BenchFormatException error)
        {
            throw new InvalidParameterException(
                ParameterErrorKind.Malformed, workload, "circuit", text, "an ISCAS .bench netlist", error.Line, error.Problem);
        }
    }
}
