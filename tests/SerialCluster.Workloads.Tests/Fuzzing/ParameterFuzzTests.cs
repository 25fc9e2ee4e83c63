using CsCheck;
using SerialCluster.Workloads.Parameters;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Workloads.Tests.Fuzzing;

/// <summary>
/// Property-based fuzzing of parameter parsing and of every workload's <c>Compile</c>: thousands of random and
/// edge-case <c>name=value</c> sets. Every one either yields a plan or is refused with an
/// <see cref="InvalidParameterException"/> that names one of the given parameters in one line; nothing else
/// escapes, and nothing hangs.
/// </summary>
public sealed class ParameterFuzzTests
{
    public static TheoryData<string> Workloads => [.. WorkloadCatalog.All.Select(w => w.Name)];

    [Theory]
    [MemberData(nameof(Workloads))]
    public void ValidationAcceptsCanonicallyOrRefusesNamingTheParameter(string name)
    {
        var workload = WorkloadCatalog.Get(name);
        var names = Gen.Frequency(
            (6, Gen.OneOf<string>([.. workload.Parameters.Select(p => p.Name)])),
            (1, FuzzGen.HostileText),
            (1, Gen.OneOf<string>([.. workload.Parameters.Select(p => p.Name.ToUpperInvariant())])));
        var entry = names.SelectMany(n =>
            (workload.Parameters.FirstOrDefault(p => p.Name == n) is { } spec ? FuzzGen.ValueFor(spec) : FuzzGen.HostileText)
                .Select(v => (Name: n, Value: v)));
        var raws = entry.Array[0, 5].Select(entries =>
        {
            var raw = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (n, v) in entries)
            {
                raw[n] = v;
            }

            return raw;
        });

        raws.Sample(
            raw =>
            {
                ParameterValues values;
                try
                {
                    values = workload.Validate(raw);
                }
                catch (InvalidParameterException e)
                {
                    AssertClearRefusal(e, raw.Keys);
                    return;
                }

                // Canonical text is a fixed point: validating it again changes nothing.
                var again = workload.Validate(values.Canonical);
                Assert.Equal(values.Canonical, again.Canonical);
                Assert.Equal(workload.Parameters.Count, values.Canonical.Count);
            },
            iter: 2000,
            print: Describe);
    }

    [Theory]
    [MemberData(nameof(Workloads))]
    public void CompileYieldsAPlanOrRefusesNamingTheParameter(string name)
    {
        var workload = WorkloadCatalog.Get(name);
        var entry = Gen.OneOf<ParameterSpec>([.. workload.Parameters]).SelectMany(spec => FuzzGen.ValueFor(spec).Select(v => (spec.Name, Value: v)));
        var raws = entry.Array[1, 3].Select(entries =>
        {
            // From the small example, so a thousand compiles stay cheap; each override probes one limit.
            var raw = new Dictionary<string, string>(workload.Example, StringComparer.Ordinal);
            foreach (var (n, v) in entries)
            {
                raw[n] = v;
            }

            return raw;
        });

        raws.Sample(
            raw =>
            {
                var outcome = Bounded.Run<object>(
                    () =>
                    {
                        try
                        {
                            return workload.Plan(raw);
                        }
                        catch (InvalidParameterException e)
                        {
                            return e;
                        }
                    },
                    () => Describe(raw));
                if (outcome is InvalidParameterException refusal)
                {
                    AssertClearRefusal(refusal, workload.Parameters.Select(p => p.Name));
                    return;
                }

                var plan = (WorkloadPlan)outcome;
                Assert.NotEmpty(plan.Stages);
                Assert.InRange(plan.Span, 0, plan.Work);
            },
            iter: 250,
            print: Describe);
    }

    /// <summary>One line naming a parameter that was given (or declared), with what is allowed.</summary>
    internal static void AssertClearRefusal(InvalidParameterException e, IEnumerable<string> parameters)
    {
        Assert.Contains(e.Parameter, parameters);
        Assert.Contains($"'{Printable(e.Parameter)}'", e.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(e.Allowed), "a refusal says what is allowed");
        Assert.DoesNotContain('\n', e.Message);
        Assert.DoesNotContain('\r', e.Message);
    }

    private static string Printable(string text) => InvalidParameterException.Printable(text);

    private static string Describe(Dictionary<string, string> raw) =>
        string.Join(" ", raw.Select(p => $"{p.Key}={Printable(p.Value)}"));
}
