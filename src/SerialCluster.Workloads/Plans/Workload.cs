using System.Diagnostics;
using SerialCluster.Workloads.Parameters;

namespace SerialCluster.Workloads.Plans;

/// <summary>
/// A named kind of computation with typed, validated parameters that compiles to a <see cref="WorkloadPlan"/>.
/// </summary>
public abstract class Workload
{
    /// <summary>The name users type: <c>hashchain</c>, <c>montecarlo</c>…</summary>
    public abstract string Name { get; }

    /// <summary>One line on what it computes.</summary>
    public abstract string Summary { get; }

    /// <summary>One line on what it teaches about serial against parallel computation.</summary>
    public abstract string Lesson { get; }

    /// <summary>The unit its work and span are counted in.</summary>
    public abstract string Unit { get; }

    /// <summary>Work (T1) as a formula of the parameters.</summary>
    public abstract string WorkFormula { get; }

    /// <summary>Span (T∞) as a formula of the parameters.</summary>
    public abstract string SpanFormula { get; }

    public abstract IReadOnlyList<ParameterSpec> Parameters { get; }

    /// <summary>
    /// A small instance (well under a second) that shows the workload's shape: used by <c>workloads</c>,
    /// the README and the tests that run every workload in every mode.
    /// </summary>
    public abstract IReadOnlyDictionary<string, string> Example { get; }

    /// <summary>Validates raw <c>name=value</c> text (defaults fill the rest) and compiles the plan, timing the compilation into its
    /// <see cref="WorkloadPlan.BuildSeconds"/>.</summary>
    public WorkloadPlan Plan(IReadOnlyDictionary<string, string> raw)
    {
        var parameters = Validate(raw);
        var start = Stopwatch.GetTimestamp();
        var plan = Compile(parameters);
        plan.AddBuildTicks(Stopwatch.GetTimestamp() - start);
        return plan;
    }

    /// <summary>
    /// Validates raw text against the parameter specs, without compiling. A default that depends on the size
    /// (<see cref="AdaptDefaults"/>) is adapted to it when the request left that parameter out, and the canonical
    /// text carries the adapted value, so every silo compiles the same plan from it.
    /// </summary>
    public ParameterValues Validate(IReadOnlyDictionary<string, string> raw)
    {
        var values = ParameterValidator.Validate(Name, Parameters, raw);
        foreach (var (name, value) in AdaptDefaults(values))
        {
            if (!raw.ContainsKey(name))
            {
                values = values.With(name, value);
            }
        }

        return values;
    }

    /// <summary>
    /// Defaults that must fit the rest of the request, e.g. <c>tasks</c> = min(its default, <c>length</c>): a default
    /// never makes a valid request fail, while an explicit value out of range is still refused. Returns the adapted
    /// values by name, applied only to parameters the request did not give.
    /// </summary>
    protected virtual IEnumerable<(string Name, long Value)> AdaptDefaults(ParameterValues values) => [];

    /// <summary>Compiles validated parameters; may refuse combinations with <see cref="InvalidParameterException"/>.</summary>
    public abstract WorkloadPlan Compile(ParameterValues parameters);
}
