using System.Globalization;
using CsCheck;
using SerialCluster.Workloads.Parameters;

namespace SerialCluster.Workloads.Tests.Fuzzing;

/// <summary>Generators the fuzz tests share: hostile text, numbers at and past every limit, and text mutations.</summary>
internal static class FuzzGen
{
    /// <summary>Characters parsers trip on: separators, signs, exponents, hex, control and non-ASCII characters.</summary>
    public const string Hostile = "0123456789.-+eExX_,;:=()#@ \t\r\n\0abcdefABCDEF\u00a0\u2212\u0660\u00e9\u202e\uffff";

    public static readonly Gen<string> HostileText = Gen.String[Gen.Char[Hostile], 0, 40];

    public static readonly Gen<string> AnyText = Gen.String[0, 60];

    /// <summary>Integers as text: edges of long, near zero, exponents, separators, whitespace.</summary>
    public static readonly Gen<string> NumberText = Gen.OneOf(
        Gen.Long.Select(v => v.ToString(CultureInfo.InvariantCulture)),
        Gen.Int[-3, 3].Select(v => v.ToString(CultureInfo.InvariantCulture)),
        Gen.Double.Select(v => v.ToString("R", CultureInfo.InvariantCulture)),
        Gen.OneOf<string>(
            "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809", "1e9", "1e19",
            "9.2e18", "-0", "+5", " 7 ", "1_000", "0x10", "NaN", "Infinity", "-Infinity", "1e-300", "1e308", "4.9e-324",
            "", " ", "true", "yes", "0", "1", "00000000000000000000001"));

    public static readonly Gen<Mutation> Mutation = Gen.Select(
        Gen.Enum<MutationKind>(), Gen.Double[0, 1], Gen.Char[Hostile + "INPUTOUTPUTANDORNOT"], Gen.Int[1, 4],
        (kind, where, character, count) => new Mutation(kind, where, character, count));

    public static readonly Gen<Mutation[]> Mutations = Mutation.Array[1, 6];

    /// <summary>A value for one parameter: at, inside and past its limits, or anything at all.</summary>
    public static Gen<string> ValueFor(ParameterSpec spec) => spec.Kind switch
    {
        ParameterKind.Integer => Gen.Frequency(
            (4, Gen.OneOf<string>(
                spec.Min.ToString(CultureInfo.InvariantCulture),
                Inside(spec.Min, 1),
                Inside(spec.Min, 2),
                Inside(spec.Min, 7),
                Outside(spec.Min, -1),
                Outside(spec.Max, 1))),
            (1, Gen.Const(spec.Max.ToString(CultureInfo.InvariantCulture))),
            (3, NumberText),
            (2, HostileText)),
        ParameterKind.Real => Gen.Frequency(
            (3, Gen.Double[spec.MinReal, spec.MaxReal].Select(v => v.ToString("R", CultureInfo.InvariantCulture))),
            (3, NumberText),
            (2, HostileText)),
        ParameterKind.Choice => Gen.Frequency(
            (3, Gen.OneOf<string>([.. spec.Choices, .. spec.Choices.Select(c => c.ToUpperInvariant())])),
            (2, HostileText)),
        ParameterKind.Hex => Gen.Frequency(
            (3, Gen.Byte.Array[0, 80].Select(Convert.ToHexString)),
            (1, Gen.Byte.Array[0, 40].Select(b => "0x" + Convert.ToHexString(b))),
            (2, HostileText)),
        _ => Gen.Frequency((3, HostileText), (1, AnyText)),
    };

    private static string Inside(long min, long offset) =>
        (min > long.MaxValue - offset ? min : min + offset).ToString(CultureInfo.InvariantCulture);

    private static string Outside(long edge, int direction) =>
        direction < 0
            ? (edge == long.MinValue ? "-9223372036854775809" : (edge - 1).ToString(CultureInfo.InvariantCulture))
            : (edge == long.MaxValue ? "9223372036854775808" : (edge + 1).ToString(CultureInfo.InvariantCulture));
}
