namespace SerialCluster.CostModel.Prediction;

/// <summary>Every mode's prediction, the one chosen, and why in a few words.</summary>
public sealed record CostDecision(IReadOnlyList<ModePrediction> Predictions, ModePrediction Choice, string Reason)
{
    /// <summary>The prediction for a plain mode (<see cref="ModePrediction.Pinned"/> or <see cref="ModePrediction.Scatter"/>).</summary>
    public ModePrediction For(string mode) => Predictions.First(p => p.Mode == mode && p.Changes.Count == 0);
}
