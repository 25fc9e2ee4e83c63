using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using SerialCluster.Grains.Hosting;

namespace SerialCluster.Grains.Reliability;

/// <summary>
/// The chains of one job that claimed a checkpoint, stored in <c>jobs</c> storage beside the checkpoints. A chain is
/// listed before its checkpoint is first written, so deleting the job finds every checkpoint key it may have left (a
/// cancelled or failed job's chain keeps its last one) without compiling the job's plan again.
/// </summary>
public static class ChainCheckpointIndex
{
    private const string StateName = "chains";
    private const int Attempts = 5;

    /// <summary>Lists <paramref name="chain"/> under <paramref name="jobId"/> (a read, and a write when it is new).</summary>
    public static async Task AddAsync(IGrainStorage storage, string jobId, string chain)
    {
        var id = IdOf(jobId);
        for (var attempt = 1; ; attempt++)
        {
            var state = new GrainState<List<string>>([]);
            await storage.ReadStateAsync(StateName, id, state);
            state.State ??= [];
            if (state.State.Contains(chain, StringComparer.Ordinal))
            {
                return;
            }

            state.State.Add(chain);
            try
            {
                await storage.WriteStateAsync(StateName, id, state);
                return;
            }
            catch (InconsistentStateException) when (attempt < Attempts)
            {
                // Another run of the same job listed a chain meanwhile: read the list again.
            }
        }
    }

    /// <summary>
    /// Deletes every checkpoint the job's chains left and the list itself; returns the checkpoints deleted. A storage
    /// failure is thrown, so the job's own record is kept and the deletion can be tried again.
    /// </summary>
    public static async Task<int> DeleteAllAsync(IServiceProvider services, string jobId)
    {
        var storage = services.GetRequiredKeyedService<IGrainStorage>(SerialClusterStorage.Jobs);
        var id = IdOf(jobId);
        var state = new GrainState<List<string>>([]);
        await storage.ReadStateAsync(StateName, id, state);
        // A pinned chain is cleared even when unlisted: checkpoints stored before the list existed were mostly pinned.
        var chains = (state.State ?? []).Append(ChainCheckpointStore.Pinned).Distinct(StringComparer.Ordinal).ToList();
        var deleted = 0;
        foreach (var chain in chains)
        {
            deleted += await ChainCheckpointStore.ClearAsync(services, ChainCheckpointStore.KeyOf(jobId, chain)) ? 1 : 0;
        }

        if (state.RecordExists)
        {
            await storage.ClearStateAsync(StateName, id, state);
        }

        return deleted;
    }

    private static GrainId IdOf(string jobId) => GrainId.Create("sc-chain-index", jobId);
}
