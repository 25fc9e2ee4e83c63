using System.Globalization;
using System.Numerics;
using SerialCluster.Kernels.Parameters;
using SerialCluster.Kernels.Plans;

namespace SerialCluster.Kernels.Workloads.TimeLock;

/// <summary>
/// The Rivest–Shamir–Wagner time-lock puzzle (1996), the core of verifiable delay functions: y = x^(2^t) mod N by
/// t sequential squarings. Whoever knows N's factors computes it at once as x^(2^t mod φ(N)) mod N; without them no
/// faster way is known, so work = span = t. The default modulus is RSA-2048 from the RSA Factoring Challenge,
/// whose factors nobody has published.
/// </summary>
public sealed class TimeLockWorkload : Workload
{
    public const string UnitName = "modular squarings";
    public const long MaxSquarings = 100_000_000_000;
    public const int MaxModulusBits = 4096;

    /// <summary>The name <c>modulus</c> accepts for <see cref="Rsa2048"/>, and its default.</summary>
    public const string Rsa2048Name = "rsa2048";

    /// <summary>RSA-2048 (617 decimal digits, 2048 bits, digit sum 2738).</summary>
    public const string Rsa2048 =
        "25195908475657893494027183240048398571429282126204032027777137836043662020707595556264018525880784406918290641249515082189298559149176184502808489120072844992687392807287776735971418347270261896375014971824691165077613379859095700097330459748808428401797429100642458691817195118746121515172654632282216869987549182422433637259085141865462043576798423387184774447920739934236584823824281198163815010674810451660377306056201619676256133844143603833904414952634432190114657544454178424020924616515723350778707749817125772467962926386356373289912154831438167899885040445364023527381951378636564391212010397122822120720357";

    // 4096 bits take at most 1,234 decimal digits; the rest is room for surrounding whitespace in a file.
    private const int MaxDigitsText = 1_300;

    private static readonly ParameterSpec[] Specs =
    [
        ParameterSpec.Text("modulus", Rsa2048Name, MaxDigitsText, acceptsFile: true,
            $"N in decimal, odd, from 3 to {MaxModulusBits} bits; or {Rsa2048Name}: the RSA Factoring Challenge number, factors unknown"),
        ParameterSpec.Text("x", "2", MaxDigitsText, acceptsFile: false, "the base in decimal, 1 < x < N"),
        ParameterSpec.Integer("t", 1_000_000, 1, MaxSquarings, "sequential squarings: y = x^(2^t) mod N"),
    ];

    public override string Name => "timelock";

    public override string Summary => "RSW time-lock puzzle: y = x^(2^t) mod N by t sequential modular squarings";

    public override string Lesson =>
        "serial by design: each squaring needs the last; only knowing N's factors (a shortcut, not parallelism) skips them";

    public override string Unit => UnitName;

    public override string WorkFormula => "t";

    public override string SpanFormula => "t";

    public override IReadOnlyList<ParameterSpec> Parameters => Specs;

    public override IReadOnlyDictionary<string, string> Example { get; } = new Dictionary<string, string>
    {
        ["modulus"] = Rsa2048Name, ["x"] = "2", ["t"] = "30000",
    };

    public override WorkloadPlan Compile(ParameterValues parameters)
    {
        var modulus = ParseDecimal(parameters, "modulus");
        if (modulus < 3 || modulus.IsEven || modulus.GetBitLength() > MaxModulusBits)
        {
            throw new InvalidParameterException(
                ParameterErrorKind.OutOfRange, Name, "modulus", parameters.GetString("modulus"),
                $"an odd integer from 3 to {MaxModulusBits} bits (Montgomery arithmetic needs an odd modulus)");
        }

        // x = 0 and x = 1 are fixed points of squaring, and x ≥ N would only be reduced first: refuse rather than guess.
        var x = ParseDecimal(parameters, "x");
        if (x <= 1 || x >= modulus)
        {
            throw new InvalidParameterException(
                ParameterErrorKind.OutOfRange, Name, "x", parameters.GetString("x"), "an integer with 1 < x < modulus");
        }

        return new TimeLockPlan(parameters, modulus, x);
    }

    private BigInteger ParseDecimal(ParameterValues parameters, string name)
    {
        var text = parameters.GetString(name).Trim();
        if (name == "modulus" && string.Equals(text, Rsa2048Name, StringComparison.OrdinalIgnoreCase))
        {
            text = Rsa2048;
        }

        if (text.Length == 0 || !text.All(char.IsAsciiDigit))
        {
            throw new InvalidParameterException(
                ParameterErrorKind.Malformed, Name, name, parameters.GetString(name),
                name == "modulus" ? $"a decimal integer (digits 0-9 only) or {Rsa2048Name}" : "a decimal integer (digits 0-9 only)");
        }

        return BigInteger.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
    }
}
