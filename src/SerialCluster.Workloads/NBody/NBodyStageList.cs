using System.Collections;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Workloads.NBody;

/// <summary>
/// The plan's stages without materialising them: every force evaluation is the same wide stage, and a long
/// yoshida4 run has millions of them.
/// </summary>
public sealed class NBodyStageList(int count, StageSpec stage) : IReadOnlyList<StageSpec>
{
    public int Count => count;

    public StageSpec this[int index] =>
        (uint)index < (uint)count ? stage : throw new ArgumentOutOfRangeException(nameof(index), index, $"The plan has {count} stages.");

    public IEnumerator<StageSpec> GetEnumerator()
    {
        for (var i = 0; i < count; i++)
        {
            yield return stage;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
