using SerialCluster.Workloads.Arith;
using SerialCluster.Workloads.Parameters;

namespace SerialCluster.Workloads.Tests.Arith;

/// <summary>Bad circuits and parameters are refused before any work, naming the parameter, the line and what is allowed.</summary>
public sealed class ArithErrorTests
{
    [Theory]
    [InlineData("INPUT(x)\ny = ADD(x, z)\nOUTPUT(y)", 2, "operand 'z' is not defined on an earlier line")]
    [InlineData("INPUT(x)\n\n# c\ny = DIV(x, x)\nOUTPUT(y)", 4, "unknown operation 'DIV'")]
    [InlineData("INPUT(x)\nINPUT(x)\nOUTPUT(x)", 2, "'x' is already defined")]
    [InlineData("c = CONST(2305843009213693951)\nOUTPUT(c)", 1, "a constant is an integer from 0 to 2305843009213693950")]
    [InlineData("c = CONST(-1)\nOUTPUT(c)", 1, "a constant is an integer from 0")]
    [InlineData("INPUT(x)\ny = SUB(x)\nOUTPUT(y)", 2, "a gate has 2 to 1024 operands")]
    [InlineData("INPUT(x)\ny = MUL()\nOUTPUT(y)", 2, "a gate has 1 to 1024 operands")]
    [InlineData("INPUT(x)\nOUTPUT(y)", 2, "OUTPUT 'y' is never defined")]
    [InlineData("INPUT(x)\nx + 1\nOUTPUT(x)", 2, "'x + 1' is not a statement")]
    [InlineData("INPUT(1x)\nOUTPUT(1x)", 1, "'1x' is not a name")]
    [InlineData("INPUT(x)\ny = x\nOUTPUT(y)", 2, "the right side of 'y =' is not OP(…)")]
    public void MalformedCircuitIsRefusedNamingTheLine(string circuit, int line, string problem)
    {
        var error = Assert.Throws<InvalidParameterException>(() => new ArithWorkload().Plan(new Dictionary<string, string> { ["circuit"] = circuit }));
        Assert.Equal("circuit", error.Parameter);
        Assert.Equal(ParameterErrorKind.Malformed, error.Kind);
        Assert.Equal(line, error.Line);
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
        Assert.Contains($"line {line}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CircuitWithoutOutputIsRefused()
    {
        var error = Assert.Throws<InvalidParameterException>(() => new ArithWorkload().Plan(new Dictionary<string, string> { ["circuit"] = "INPUT(x)\n" }));
        Assert.Contains("no OUTPUT(name) line", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1, 2", "exactly 3 values")]
    [InlineData("1 2 x", "value 3 is 'x'")]
    [InlineData("1 2 2305843009213693951", "integers from 0 to 2305843009213693950")]
    public void WrongInputsAreRefused(string inputs, string expected)
    {
        var raw = new Dictionary<string, string> { ["circuit"] = "INPUT(a)\nINPUT(b)\nINPUT(c)\ny = MUL(a, b, c)\nOUTPUT(y)", ["inputs"] = inputs };
        var error = Assert.Throws<InvalidParameterException>(() => new ArithWorkload().Plan(raw));
        Assert.Equal("inputs", error.Parameter);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("width", "5000", "depth", "1000", "depth × width ≤ 4,194,304")]
    [InlineData("fanIn", "9", "seed", "1", "an integer from 2 to 8")]
    [InlineData("fanIn", "1", "seed", "1", "an integer from 2 to 8")]
    [InlineData("degree", "medium", "seed", "1", "one of high, low")]
    [InlineData("tasks", "0", "seed", "1", "an integer from 1 to 1,024")]
    public void OutOfRangeGeneratorParametersAreRefusedByName(string name, string value, string other, string otherValue, string allowed)
    {
        var raw = new Dictionary<string, string> { [name] = value, [other] = otherValue };
        var error = Assert.Throws<InvalidParameterException>(() => new ArithWorkload().Plan(raw));
        Assert.Equal(name, error.Parameter);
        Assert.Contains(value, error.Message, StringComparison.Ordinal);
        Assert.Contains(allowed, error.Message, StringComparison.Ordinal);
    }
}
