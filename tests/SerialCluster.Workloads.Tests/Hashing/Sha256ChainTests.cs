using System.Security.Cryptography;
using SerialCluster.Workloads.Hashing;

namespace SerialCluster.Workloads.Tests.Hashing;

public sealed class Sha256ChainTests
{
    // FIPS 180-2 appendix B.1: SHA-256("abc").
    private const string AbcDigest = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    // SHA-256 applied twice to "abc", i.e. SHA-256 of the 32 raw bytes above; computed with coreutils:
    // printf 'abc' | sha256sum | xxd -r -p | sha256sum
    private const string AbcTwice = "4f8b42c22dd3729b519ba6f68d2da7cc5b2d606d05daed5ad5128cc03e6c6358";

    [Fact]
    public void OneStepOfAbcIsTheFipsVector()
    {
        var state = SHA256.HashData("abc"u8);
        Assert.Equal(AbcDigest, Convert.ToHexStringLower(state));
        Sha256Chain.Iterate(state, 1);
        Assert.Equal(AbcTwice, Convert.ToHexStringLower(state));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(1000)]
    [InlineData(65_537)]
    public void NativeAndManagedPathsAgree(long steps)
    {
        var viaChain = Convert.FromHexString(AbcDigest);
        var viaManaged = Convert.FromHexString(AbcDigest);
        Sha256Chain.Iterate(viaChain, steps);
        Sha256Chain.IterateManaged(viaManaged, steps);
        Assert.Equal(Convert.ToHexStringLower(viaManaged), Convert.ToHexStringLower(viaChain));
    }

    [SkippableFact]
    public void NativePathIsAvailableOnLinux()
    {
        // The fast path is what the benchmarks measure; on Linux with OpenSSL 3 it must load.
        Skip.IfNot(OperatingSystem.IsLinux() && File.Exists("/usr/lib/x86_64-linux-gnu/libcrypto.so.3"),
            "needs libcrypto.so.3 (apt-get install -y libssl3)");
        Assert.True(Sha256Chain.IsNative, Sha256Chain.Implementation);
    }

    [Fact]
    public void StateMustBe32Bytes()
    {
        Assert.Throws<ArgumentException>(() => Sha256Chain.Iterate(new byte[31], 1));
    }
}
