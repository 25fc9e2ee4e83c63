using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using SerialCluster.Benchmarks.Reporting;
using SerialCluster.Workloads.Hashing;

namespace SerialCluster.Benchmarks.Workloads;

/// <summary>
/// The hashchain step, x ← SHA-256(x) on 32 bytes: the path the workload uses (libcrypto's block function where
/// present) beside the portable one (<see cref="SHA256.HashData(ReadOnlySpan{byte}, Span{byte})"/> per step).
/// </summary>
public class HashChainBenchmarks
{
    private const int NativeSteps = 1 << 16;
    private const int ManagedSteps = 1 << 13;

    private readonly byte[] _state = SHA256.HashData("abc"u8);

    [Benchmark(OperationsPerInvoke = NativeSteps)]
    [KernelReport("hashchain", "SHA-256 steps", Baseline = "sha256_openssl", TargetFractionOfBaseline = 0.5, Note = "the workload's path")]
    public void Iterate() => Sha256Chain.Iterate(_state, NativeSteps);

    [Benchmark(OperationsPerInvoke = ManagedSteps, Baseline = true)]
    [KernelReport("hashchain", "SHA-256 steps", Baseline = "sha256_openssl", TargetFractionOfBaseline = 0.5, Note = "portable fallback: .NET SHA256.HashData")]
    public void IterateManaged() => Sha256Chain.IterateManaged(_state, ManagedSteps);
}
