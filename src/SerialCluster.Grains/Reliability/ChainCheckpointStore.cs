using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using SerialCluster.Grains.Hosting;

namespace SerialCluster.Grains.Reliability;

/// <summary>
/// One chain's checkpoint in <c>jobs</c> storage, written with the storage's ETag check: a run first claims the
/// checkpoint (a write that changes the ETag), so a stale run of the same chain — its silo stopped, then came back —
/// has its next write refused (<see cref="InconsistentStateException"/>) and stops instead of overwriting newer state.
/// A refusal while the stored checkpoint still names this run is its own timed-out write landed late: it writes again.
/// </summary>
public sealed class ChainCheckpointStore
{
    /// <summary>The chain name of a pinned job's whole run.</summary>
    public const string Pinned = "pinned";

    private const string StateName = "chain";
    private readonly IGrainStorage _storage;
    private readonly TimeProvider _time;
    private readonly GrainId _id;
    private readonly GrainState<ChainCheckpoint> _state = new(new ChainCheckpoint());

    public ChainCheckpointStore(IGrainStorage storage, string key, TimeProvider time)
    {
        _storage = storage;
        _time = time;
        Key = key;
        _id = GrainId.Create("sc-chain-checkpoint", key);
    }

    public string Key { get; }

    /// <summary>The step each run after the first resumed from, as stored with the checkpoint.</summary>
    public List<long> Resumes => [.. _state.State?.Resumes ?? []];

    /// <summary>The key of a job's chain: its stage, or <c>pinned</c> for a pinned job's chain.</summary>
    public static string KeyOf(string jobId, string chain) => $"{jobId}/{chain}";

    public static ChainCheckpointStore Open(IServiceProvider services, string key) =>
        new(services.GetRequiredKeyedService<IGrainStorage>(SerialClusterStorage.Jobs), key, services.GetRequiredService<TimeProvider>());

    /// <summary>
    /// Reads the checkpoint and claims it for <paramref name="owner"/>; returns the saved state when there is one for a
    /// chain of <paramref name="totalSteps"/> steps (null: start from step 0).
    /// </summary>
    public async Task<ChainCheckpoint?> ClaimAsync(string owner, long totalSteps)
    {
        // Storage that fails (a paused or restarting server) is waited for: the chain cannot start unclaimed.
        var start = _time.GetTimestamp();
        for (var failures = 1; ; failures++)
        {
            try
            {
                return await TryClaimAsync(owner, totalSteps);
            }
            catch (Exception e) when (StorageBackoff.IsRetryable(e) && _time.GetElapsedTime(start) < StorageBackoff.Window)
            {
                await Task.Delay(StorageBackoff.After(failures), _time);
            }
        }
    }

    /// <summary>Saves the state after <paramref name="steps"/> steps; returns the seconds the write took.</summary>
    /// <exception cref="ChainSupersededException">A newer run claimed the checkpoint.</exception>
    public async Task<double> SaveAsync(long steps, byte[] state)
    {
        var start = Stopwatch.GetTimestamp();
        _state.State ??= new ChainCheckpoint();
        _state.State.Steps = steps;
        _state.State.State = state;
        _state.State.WrittenAt = _time.GetUtcNow();
        await WriteAsync();
        return Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    /// <summary>Deletes a chain's checkpoint once its output is committed by the job; a missing one is fine (false).</summary>
    public static async Task<bool> ClearAsync(IServiceProvider services, string key)
    {
        var store = Open(services, key);
        await store._storage.ReadStateAsync(StateName, store._id, store._state);
        if (!store._state.RecordExists)
        {
            return false;
        }

        await store._storage.ClearStateAsync(StateName, store._id, store._state);
        return true;
    }

    private async Task<ChainCheckpoint?> TryClaimAsync(string owner, long totalSteps)
    {
        var slash = Key.LastIndexOf('/');
        await ChainCheckpointIndex.AddAsync(_storage, Key[..Math.Max(0, slash)], Key[(slash + 1)..]);
        await _storage.ReadStateAsync(StateName, _id, _state);
        var saved = _state.RecordExists && _state.State is { State: not null } s && s.TotalSteps == totalSteps
            ? new ChainCheckpoint { Steps = s.Steps, TotalSteps = s.TotalSteps, State = s.State, Owner = s.Owner, WrittenAt = s.WrittenAt }
            : null;
        // A claim retried after its write timed out may find that write landed: it is not a second resume.
        var resumed = _state.RecordExists && !string.Equals(_state.State?.Owner, owner, StringComparison.Ordinal);
        _state.State ??= new ChainCheckpoint();
        if (resumed)
        {
            _state.State.Resumes.Add(saved?.Steps ?? 0);
        }

        _state.State.Owner = owner;
        _state.State.TotalSteps = totalSteps;
        if (saved is null)
        {
            _state.State.Steps = 0;
            _state.State.State = null;
        }

        await WriteAsync();
        return saved;
    }

    private async Task WriteAsync()
    {
        try
        {
            await _storage.WriteStateAsync(StateName, _id, _state);
        }
        catch (InconsistentStateException e)
        {
            var stored = new GrainState<ChainCheckpoint>(new ChainCheckpoint());
            await _storage.ReadStateAsync(StateName, _id, stored);
            var owner = _state.State?.Owner;
            if (!stored.RecordExists || string.IsNullOrEmpty(owner) || !string.Equals(stored.State?.Owner, owner, StringComparison.Ordinal))
            {
                throw new ChainSupersededException(Key, e);
            }

            // This run's own write, landed after it timed out: nobody else holds the chain.
            _state.ETag = stored.ETag;
            try
            {
                await _storage.WriteStateAsync(StateName, _id, _state);
            }
            catch (InconsistentStateException again)
            {
                throw new ChainSupersededException(Key, again);
            }
        }
    }
}
