using SerialCluster.Workloads.Parameters;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Workloads.Tests.Fuzzing;

/// <summary>What the fuzzing found first: a value holding a line break or a bidi override broke the one-line refusal.</summary>
public sealed class RefusalMessageTests
{
    [Fact]
    public void ControlCharactersAndBidiOverridesInAValueAreShownEscapedOnOneLine()
    {
        var error = Assert.Throws<InvalidParameterException>(() =>
            WorkloadCatalog.Get("hashchain").Validate(new Dictionary<string, string> { ["steps"] = "12\n\u202e34\0" }));
        Assert.Equal("steps", error.Parameter);
        Assert.Contains("'12\\n\\u202E34\\u0000'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void AnUnknownParameterNameIsShownEscaped()
    {
        var error = Assert.Throws<InvalidParameterException>(() =>
            WorkloadCatalog.Get("hashchain").Validate(new Dictionary<string, string> { ["st\reps"] = "1" }));
        Assert.Contains("has no parameter 'st\\reps'", error.Message, StringComparison.Ordinal);
    }
}
