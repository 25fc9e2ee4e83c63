using SerialCluster.Workloads.Parameters;

namespace SerialCluster.Workloads.Tests.Cvp;

public sealed class CvpErrorTests
{
    [Theory]
    [InlineData("INPUT(a)\nOUTPUT(y)\n\ny = AND(a, b)\n", "line 4:", "undefined signal 'b'")]
    [InlineData("INPUT(a)\nOUTPUT(z)\ny = NOT(a)\n", "line 2:", "undefined signal 'z'")]
    [InlineData("INPUT(a)\nOUTPUT(y)\n# the loop\ny = AND(a, x)\nx = OR(y, a)\n", "line 4:", "cycle: y -> x -> y")]
    [InlineData("INPUT(a)\nOUTPUT(y)\ny = NAND(a, y)\n", "line 3:", "cycle: y -> y")]
    [InlineData("INPUT(a)\nINPUT(b)\nOUTPUT(y)\ny = AND(a, b)\ny = OR(a, b)\n", "line 5:", "duplicate definition of 'y' (first defined on line 4)")]
    [InlineData("INPUT(a)\nINPUT(a)\nOUTPUT(a)\n", "line 2:", "duplicate definition of 'a'")]
    [InlineData("INPUT(a)\nOUTPUT(a)\na = NOT(a)\n", "line 3:", "duplicate definition of 'a'")]
    [InlineData("INPUT(a)\nOUTPUT(y)\ny = MUX(a, a)\n", "line 3:", "unknown gate 'MUX'")]
    [InlineData("INPUT(a)\nOUTPUT(y)\n\ny = DFF(a)\n", "line 4:", "sequential elements are not supported")]
    [InlineData("INPUT(a)\nINPUT(b)\nOUTPUT(y)\ny = NOT(a, b)\n", "line 4:", "wrong fan-in: NOT takes exactly 1 input, not 2")]
    [InlineData("INPUT(a)\nOUTPUT(y)\ny = BUFF()\n", "line 3:", "wrong fan-in: BUFF takes exactly 1 input, not 0")]
    [InlineData("INPUT(a)\nOUTPUT(y)\ny = AND()\n", "line 3:", "wrong fan-in: AND needs at least 1 input")]
    [InlineData("INPUT(a)\nOUTPUT(y)\ny = AND(a,, a)\n", "line 3:", "empty signal name")]
    [InlineData("INPUT(a)\nOUTPUT(y)\ny AND(a)\n", "line 3:", "expected INPUT(name), OUTPUT(name) or name = GATE(a, b, …)")]
    [InlineData("INPUT(a\nOUTPUT(y)\n", "line 1:", "expected INPUT(name)")]
    [InlineData("INPUT(a)\nOUTPUT(y)\ny = AND a, a\n", "line 3:", "expected GATE(a, b, …) after '='")]
    [InlineData("INPUT(a b)\n", "line 1:", "'a b' is not a valid signal name")]
    [InlineData("# nothing but a comment\nINPUT(a)\n", "", "declares no OUTPUT")]
    public void CircuitErrorsNameTheLineAndTheProblem(string circuit, string line, string problem)
    {
        var error = Assert.Throws<InvalidParameterException>(() => CvpRunner.Plan(new() { ["circuit"] = circuit }));
        Assert.Equal("circuit", error.Parameter);
        Assert.Equal(ParameterErrorKind.Malformed, error.Kind);
        Assert.Contains(line, error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void TheFirstUndefinedSignalIsReported()
    {
        var error = Assert.Throws<InvalidParameterException>(() =>
            CvpRunner.Plan(new() { ["circuit"] = "OUTPUT(y)\nINPUT(a)\ny = AND(a, q)\nz = OR(a, r)\nw = OR(q, r)\n" }));
        Assert.Contains("line 3: undefined signal 'q'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KeywordsAndGateNamesAreCaseInsensitiveAndCommentsMayTrail()
    {
        const string Circuit = "input(a)   # first\nInput ( b )\noutput(y)\n\n  y = nand( a , b )  # the gate\n";
        Assert.Equal("0", CvpRunner.Outputs(CvpRunner.Run(new() { ["circuit"] = Circuit, ["inputs"] = "11" })));
        Assert.Equal("1", CvpRunner.Outputs(CvpRunner.Run(new() { ["circuit"] = Circuit.Replace("\n", "\r\n", StringComparison.Ordinal), ["inputs"] = "10" })));
    }

    [Theory]
    [InlineData("0101")]
    [InlineData("010110")]
    [InlineData("0")]
    public void WrongInputCountIsRefused(string inputs)
    {
        var error = Assert.Throws<InvalidParameterException>(() => CvpRunner.Plan(new() { ["circuit"] = BenchCircuits.C17, ["inputs"] = inputs }));
        Assert.Equal("inputs", error.Parameter);
        Assert.Equal(ParameterErrorKind.OutOfRange, error.Kind);
        Assert.Contains("exactly 5 bits", error.Allowed, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("01a01", "character 3 is 'a'")]
    [InlineData("01 01", "character 3 is ' '")]
    [InlineData("0120", "character 3 is '2'")]
    public void NonBinaryInputsAreRefused(string inputs, string detail)
    {
        var error = Assert.Throws<InvalidParameterException>(() => CvpRunner.Plan(new() { ["circuit"] = BenchCircuits.C17, ["inputs"] = inputs }));
        Assert.Equal("inputs", error.Parameter);
        Assert.Equal(ParameterErrorKind.Malformed, error.Kind);
        Assert.Contains(detail, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GeneratedCircuitNeedsOneInputBitPerColumn()
    {
        var error = Assert.Throws<InvalidParameterException>(() => CvpRunner.Plan(new() { ["layers"] = "2", ["width"] = "4", ["inputs"] = "101" }));
        Assert.Equal("inputs", error.Parameter);
    }

    [Fact]
    public void UnknownTransformIsRefused()
    {
        var error = Assert.Throws<InvalidParameterException>(() => CvpRunner.Plan(new() { ["transform"] = "trirail" }));
        Assert.Equal("transform", error.Parameter);
    }
}
