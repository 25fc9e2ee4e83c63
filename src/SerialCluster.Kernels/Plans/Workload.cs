using System.Diagnostics;
using SerialCluster.Kernels.Parameters;

namespace SerialCluster.Kernels.Plans;

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

    /// <summary>Validates raw <c>name=value</c> text (defaults fill the rest) and compiles the plan, timing the compilation into its <see cref="WorkloadPlan.BuildSeconds"/>.</summary>
    public WorkloadPlan Plan(IReadOnlyDictionary<string, string> raw)
    {
        var parameters = Validate(raw);
        var start = Stopwatch.GetTimestamp();
        var plan = Compile(parameters);
        plan.AddBuildTicks(Stopwatch.GetTimestamp() - start);
        return plan;
    }

    /// <summary>Validates raw text against the parameter specs, without compiling.</summary>
    public ParameterValues Validate(IReadOnlyDictionary<string, string> raw) => ParameterValidator.Validate(Name, Parameters, raw);

    /// <summary>Compiles validated parameters; may refuse combinations with <see cref="InvalidParameterException"/>.</summary>
    public abstract WorkloadPlan Compile(ParameterValues parameters);
}
