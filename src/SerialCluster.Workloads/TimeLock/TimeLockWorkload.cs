using System.Globalization;
using System.Numerics;
using SerialCluster.Workloads.Parameters;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Workloads.TimeLock;

/// <summary>
/// The Rivest–Shamir–Wagner time-lock puzzle, core of verifiable delay functions: y = x^(2^t) mod N by t sequential squarings. Knowing N's factors gives
/// x^(2^t mod φ(N)) mod N at once; without them no faster way is known, so work = span = t. Default modulus: RSA-2048, whose factors are unpublished.
/// <c>factors=p,q</c> uses the trapdoor (<see cref="TimeLockTrapdoorPlan"/>), O(log t + log N) steps, the paper's paired control: a secret is a
/// shortcut, parallelism is not. <c>modulus=demo2048</c> with <c>factors=demo</c> has published factors (<see cref="TimeLockDemoModulus"/>).
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
        "251959084756578934940271832400483985714292821262040320277771378360436620207075955562640185258807844069182906412495150821892985591491761845028084891" +
        "200728449926873928072877767359714183472702618963750149718246911650776133798590957000973304597488084284017974291006424586918171951187461215151726546" +
        "322822168699875491824224336372590851418654620435767984233871847744479207399342365848238242811981638150106748104516603773060562016196762561338441436" +
        "038339044149526344321901146575444541784240209246165157233507787077498171257724679629263863563732899121548314381678998850404453640235273819513786365" +
        "64391212010397122822120720357";

    // 4096 bits take at most 1,234 decimal digits; the rest is room for surrounding whitespace in a file.
    private const int MaxDigitsText = 1_300;

    // Two factors of at most 1,234 digits each, a comma and room for whitespace.
    private const int MaxFactorsText = 2_600;

    /// <summary>The value of <c>factors</c> that asks for the squaring chain (the default).</summary>
    public const string NoFactors = "none";

    private static readonly ParameterSpec[] Specs =
    [
        ParameterSpec.Text("modulus", Rsa2048Name, MaxDigitsText, acceptsFile: true,
            $"N in decimal, odd, from 3 to {MaxModulusBits} bits; or {Rsa2048Name}: the RSA Factoring Challenge number, factors unknown; " +
            $"or {TimeLockDemoModulus.Name}: a 2048-bit p·q whose factors are built in (factors={TimeLockDemoModulus.FactorsName})"),
        ParameterSpec.Text("x", "2", MaxDigitsText, acceptsFile: false, "the base in decimal, 1 < x < N"),
        ParameterSpec.Integer("t", 1_000_000, 1, MaxSquarings, "sequential squarings: y = x^(2^t) mod N"),
        ParameterSpec.Text("factors", NoFactors, MaxFactorsText, acceptsFile: true,
            $"{NoFactors}: t sequential squarings; p,q: two distinct decimal primes with p·q = modulus, or " +
            $"{TimeLockDemoModulus.FactorsName} (the factors of {TimeLockDemoModulus.Name}): the trapdoor, e = 2^t mod (p-1)(q-1) by " +
            "square-and-multiply, then y = x^e mod N, the same y in O(log t + log N) steps"),
    ];

    public override string Name => "timelock";

    public override string Summary => "RSW time-lock puzzle: y = x^(2^t) mod N by t sequential modular squarings";

    public override string Lesson =>
        "serial by design: each squaring needs the last; knowing N's factors (factors=p,q) skips them: a secret is a shortcut, parallelism is not";

    public override string Unit => UnitName;

    public override string WorkFormula =>
        "t; with factors: floor(log2 t) + popcount(t) - 1 + floor(log2 e) + popcount(e) - 1, e = 2^t mod (p-1)(q-1) (at most 2 log2 t + 2 log2 N)";

    public override string SpanFormula => WorkFormula;

    public override IReadOnlyList<ParameterSpec> Parameters => Specs;

    public override IReadOnlyDictionary<string, string> Example { get; } = new Dictionary<string, string>
    {
        ["modulus"] = Rsa2048Name,
        ["x"] = "2",
        ["t"] = "30000",
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

        var factors = ParseFactors(parameters, modulus);
        return factors is var (p, q)
            ? new TimeLockTrapdoorPlan(parameters, modulus, x, new TimeLockTrapdoor(p, q, parameters.GetInteger("t")))
            : new TimeLockPlan(parameters, modulus, x);
    }

    // Cheap refusals first (shape, product), then primality, so a typo costs no Miller–Rabin.
    private (BigInteger P, BigInteger Q)? ParseFactors(ParameterValues parameters, BigInteger modulus)
    {
        var given = parameters.GetString("factors");
        var text = given.Trim();
        if (text.Length == 0 || string.Equals(text, NoFactors, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (string.Equals(text, TimeLockDemoModulus.FactorsName, StringComparison.OrdinalIgnoreCase))
        {
            text = TimeLockDemoModulus.P + "," + TimeLockDemoModulus.Q;
        }

        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length != 2)
        {
            throw new InvalidParameterException(
                ParameterErrorKind.Malformed, Name, "factors", given,
                $"{NoFactors}, {TimeLockDemoModulus.FactorsName}, or exactly two decimal primes p,q separated by a comma (found {parts.Length} parts)");
        }

        if (parts.Any(part => part.Length == 0 || !part.All(char.IsAsciiDigit)))
        {
            throw new InvalidParameterException(
                ParameterErrorKind.Malformed, Name, "factors", given, "two decimal integers p,q (digits 0-9 only, separated by a comma)");
        }

        var p = BigInteger.Parse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture);
        var q = BigInteger.Parse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture);
        if (p * q != modulus)
        {
            throw new InvalidParameterException(
                ParameterErrorKind.OutOfRange, Name, "factors", given, "two primes whose product p·q must equal the modulus");
        }

        // φ = (p − 1)(q − 1) holds for two distinct primes only: for p = q it is p(p − 1).
        if (p == q)
        {
            throw new InvalidParameterException(
                ParameterErrorKind.OutOfRange, Name, "factors", given, "two distinct primes p ≠ q with p·q = modulus");
        }

        foreach (var factor in new[] { p, q })
        {
            if (!MillerRabin.IsProbablePrimeRemembered(factor))
            {
                throw new InvalidParameterException(
                    ParameterErrorKind.OutOfRange, Name, "factors", given,
                    $"two primes with p·q = modulus ({factor.ToString(CultureInfo.InvariantCulture)} is not prime: Miller–Rabin with the first 13 primes as " +
                    $"bases)");
            }
        }

        return (p, q);
    }

    private BigInteger ParseDecimal(ParameterValues parameters, string name)
    {
        var text = parameters.GetString(name).Trim();
        if (name == "modulus" && string.Equals(text, Rsa2048Name, StringComparison.OrdinalIgnoreCase))
        {
            text = Rsa2048;
        }
        else if (name == "modulus" && string.Equals(text, TimeLockDemoModulus.Name, StringComparison.OrdinalIgnoreCase))
        {
            text = TimeLockDemoModulus.Modulus;
        }

        if (text.Length == 0 || !text.All(char.IsAsciiDigit))
        {
            var given = parameters.GetString(name);
            var bad = text.Length == 0 ? -1 : text.AsSpan().IndexOfAnyExcept("0123456789");
            var at = bad < 0 ? 0 : given.IndexOf(text, StringComparison.Ordinal) + bad;
            throw new InvalidParameterException(
                ParameterErrorKind.Malformed, Name, name, given,
                name == "modulus" ? $"a decimal integer (digits 0-9 only), {Rsa2048Name} or " +
                    $"{TimeLockDemoModulus.Name}" : "a decimal integer (digits 0-9 only)",
                bad < 0 ? 0 : InvalidParameterException.LineOf(given, at),
                bad < 0 ? null : $"'{text[bad]}' is not a digit");
        }

        return BigInteger.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
    }
}
