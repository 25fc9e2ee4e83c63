using Orleans.Storage;

namespace SerialCluster.Grains.Tests.Reliability;

/// <summary>
/// The real memory grain storage, except that clearing a chain checkpoint (state name <c>chain</c>) waits until the test
/// opens the <see cref="ClearGate"/>: it shows what a job does while a checkpoint's deletion is still under way.
/// </summary>
public sealed class HeldClearStorage(IGrainStorage inner, ClearGate gate) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.WriteStateAsync(stateName, grainId, grainState);

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (stateName == "chain")
        {
            await gate.WaitAsync();
        }

        await inner.ClearStateAsync(stateName, grainId, grainState);
    }
}
