using SerialCluster.Workloads.Parameters;

namespace SerialCluster.Workloads.Tests.Parameters;

public sealed class ParameterValidatorTests
{
    private static readonly ParameterSpec[] Specs =
    [
        ParameterSpec.Integer("steps", 10, 1, 1000, "steps"),
        ParameterSpec.Real("dt", 0.5, 0.0, 1.0, "time step"),
        ParameterSpec.Boolean("shortcut", false, "use the shortcut"),
        ParameterSpec.Choice("mode", "fold", ["fold", "tree"], "method"),
        ParameterSpec.Hex("seed", "00", 0, 4, "seed bytes"),
        ParameterSpec.Text("circuit", "", 10, acceptsFile: true, "circuit"),
    ];

    private static ParameterValues Validate(params (string Name, string Value)[] raw) =>
        ParameterValidator.Validate("test", Specs, raw.ToDictionary(r => r.Name, r => r.Value));

    [Fact]
    public void DefaultsFillEveryParameter()
    {
        var values = Validate();
        Assert.Equal(10, values.GetInteger("steps"));
        Assert.Equal(0.5, values.GetReal("dt"));
        Assert.False(values.GetBoolean("shortcut"));
        Assert.Equal("fold", values.GetString("mode"));
        Assert.Equal([0], values.GetHex("seed"));
        Assert.Equal(6, values.Canonical.Count);
    }

    [Theory]
    [InlineData("1_000", 1000)]
    [InlineData("1e3", 1000)]
    [InlineData(" 7 ", 7)]
    public void IntegersAcceptSeparatorsAndExactScientificNotation(string text, long expected) =>
        Assert.Equal(expected, Validate(("steps", text)).GetInteger("steps"));

    [Theory]
    [InlineData("steps", "ten", ParameterErrorKind.Malformed)]
    [InlineData("steps", "1.5", ParameterErrorKind.Malformed)]
    [InlineData("steps", "0", ParameterErrorKind.OutOfRange)]
    [InlineData("steps", "1001", ParameterErrorKind.OutOfRange)]
    [InlineData("dt", "NaN", ParameterErrorKind.Malformed)]
    [InlineData("dt", "1.5", ParameterErrorKind.OutOfRange)]
    [InlineData("shortcut", "maybe", ParameterErrorKind.Malformed)]
    [InlineData("mode", "scan", ParameterErrorKind.OutOfRange)]
    [InlineData("seed", "abc", ParameterErrorKind.Malformed)]
    [InlineData("seed", "zz", ParameterErrorKind.Malformed)]
    [InlineData("seed", "0102030405", ParameterErrorKind.OutOfRange)]
    [InlineData("circuit", "01234567890", ParameterErrorKind.OutOfRange)]
    [InlineData("stepz", "1", ParameterErrorKind.Unknown)]
    public void BadValuesAreRefusedWithTheParameterNamed(string name, string value, ParameterErrorKind kind)
    {
        var error = Assert.Throws<InvalidParameterException>(() => Validate((name, value)));
        Assert.Equal(kind, error.Kind);
        Assert.Equal(name, error.Parameter);
        Assert.Contains(name, error.Message, StringComparison.Ordinal);
        if (kind != ParameterErrorKind.Unknown)
        {
            Assert.Contains(value, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void OutOfRangeMessageSaysWhatIsAllowed()
    {
        var error = Assert.Throws<InvalidParameterException>(() => Validate(("steps", "5000")));
        Assert.Equal("test: parameter 'steps' = '5000' is out of range; allowed: an integer from 1 to 1,000", error.Message);
    }

    [Fact]
    public void UnknownParameterMessageListsTheKnownOnes()
    {
        var error = Assert.Throws<InvalidParameterException>(() => Validate(("stepz", "1")));
        Assert.Equal("test has no parameter 'stepz'; its parameters are: steps, dt, shortcut, mode, seed, circuit", error.Message);
    }

    [Fact]
    public void ChoicesAndHexAreCanonicalised()
    {
        var values = Validate(("mode", "TREE"), ("seed", "0xABCD"), ("shortcut", "yes"));
        Assert.Equal("tree", values.Canonical["mode"]);
        Assert.Equal("abcd", values.Canonical["seed"]);
        Assert.Equal("true", values.Canonical["shortcut"]);
    }
}
