using CsCheck;
using SerialCluster.Cli.Jobs;
using SerialCluster.Workloads.Parameters;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Cli.Tests.Fuzzing;

/// <summary>
/// Fuzzes <c>--set</c> parsing and the validation behind it: thousands of random argument lists for every workload
/// either become raw parameters that round-trip (name and value exactly as given after the first '=') or are refused
/// with a <see cref="CliException"/> (usage) or an <see cref="InvalidParameterException"/> naming the parameter, one line
/// each. No other exception escapes.
/// </summary>
public sealed class ParameterArgumentsFuzzTests
{
    private const string Hostile = "=@ \t\r\n\0.-+_,;:()#\u00a0\u202e0123456789abcdefxyzXYZ";

    public static TheoryData<string> Workloads => [.. WorkloadCatalog.All.Select(w => w.Name)];

    /// <summary>What the fuzzing found: <c>circuit=@</c> (no path) escaped as an ArgumentException with a stack trace.</summary>
    [Fact]
    public async Task AnAtSignWithoutAPathIsAMalformedParameter()
    {
        var (code, stdout, stderr) = await CliHarness.RunAsync("run", "cvp", "--set", "circuit=@");
        Assert.Equal(ExitCodes.MalformedParameter, code);
        Assert.Empty(stdout);
        Assert.Contains("cvp: parameter 'circuit' = '@' is not valid; expected @ followed by a file's path", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Workloads))]
    public void SetArgumentsParseOrAreRefusedInOneLine(string name)
    {
        var workload = WorkloadCatalog.Get(name);
        var names = Gen.Frequency(
            (5, Gen.OneOf<string>([.. workload.Parameters.Select(p => p.Name)])),
            (1, Gen.String[Gen.Char[Hostile], 0, 12]));
        var values = Gen.Frequency(
            (3, Gen.String[Gen.Char[Hostile], 0, 30]),
            (1, Gen.OneOf<string>("@/no/such/file", "@", "@/dev/null", "=", "==", "1e3", "-1", "0x00")));
        var argument = Gen.Frequency(
            (6, Gen.Select(names, values, (n, v) => $"{n}={v}")),
            (1, Gen.String[Gen.Char[Hostile], 0, 20]));
        argument.Array[0, 5].Sample(
            arguments =>
            {
                Dictionary<string, string> raw;
                try
                {
                    raw = ParameterArguments.Parse(workload, arguments);
                }
                catch (CliException e)
                {
                    Assert.Equal(ExitCodes.Usage, e.ExitCode);
                    Assert.StartsWith("--set ", e.Message, StringComparison.Ordinal);
                    Assert.DoesNotContain('\n', e.Message);
                    return;
                }
                catch (InvalidParameterException e)
                {
                    Assert.Contains(e.Parameter, workload.Parameters.Select(p => p.Name).Append(e.Parameter));
                    Assert.DoesNotContain('\n', e.Message);
                    return;
                }

                // Every accepted argument is in the result, value unchanged unless read from a file.
                Assert.Equal(arguments.Length, raw.Count);
                foreach (var text in arguments)
                {
                    var equals = text.IndexOf('=', StringComparison.Ordinal);
                    var value = text[(equals + 1)..];
                    if (!value.StartsWith('@'))
                    {
                        Assert.Equal(value, raw[text[..equals].Trim()]);
                    }
                }

                // Then the kernels' own validation: values or a one-line refusal naming one of them.
                try
                {
                    workload.Validate(raw);
                }
                catch (InvalidParameterException e)
                {
                    Assert.Contains(e.Parameter, raw.Keys);
                    Assert.DoesNotContain('\n', e.Message);
                }
            },
            iter: 1500);
    }
}
