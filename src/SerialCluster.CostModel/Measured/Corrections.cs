namespace SerialCluster.CostModel.Measured;

/// <summary>
/// What <see cref="MeasuredRuns"/> knows: per plan signature, per run plan that ran, its recent measurements
/// (<see cref="MeasuredPlan"/>); and the raw model's recent median absolute relative error over this workload's runs
/// (any signature) with how many runs it is from. <see cref="Margin"/> is how much faster a never-measured candidate
/// must be predicted than the best measured one to be chosen over it.
/// </summary>
public sealed record Corrections(
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, MeasuredPlan>> BySignature,
    double? ModelError,
    int ErrorSamples)
{
    /// <summary>The margin while the model's error rests on fewer than <see cref="MinimumErrorSamples"/> runs.</summary>
    public const double DefaultMargin = 0.15;

    /// <summary>How many measured runs the model's error needs before it sets the margin.</summary>
    public const int MinimumErrorSamples = 5;

    /// <summary>The smallest and largest margin the model's error may set.</summary>
    public const double MinimumMargin = 0.05;

    public const double MaximumMargin = 0.5;

    public static Corrections None { get; } = new(new Dictionary<string, IReadOnlyDictionary<string, MeasuredPlan>>(), null, 0);

    private static readonly IReadOnlyDictionary<string, MeasuredPlan> NoPlans = new Dictionary<string, MeasuredPlan>();

    /// <summary>The run plans measured under <paramref name="signature"/> (none when it never ran).</summary>
    public IReadOnlyDictionary<string, MeasuredPlan> For(string signature) => BySignature.GetValueOrDefault(signature) ?? NoPlans;

    /// <summary>The model's recent median absolute error, clamped to [5%, 50%]; 15% until it rests on 5 runs.</summary>
    public double Margin => MarginFor(ModelError, ErrorSamples);

    public static double MarginFor(double? modelError, int samples) =>
        modelError is { } e && samples >= MinimumErrorSamples && double.IsFinite(e)
            ? Math.Clamp(e, MinimumMargin, MaximumMargin)
            : DefaultMargin;
}
