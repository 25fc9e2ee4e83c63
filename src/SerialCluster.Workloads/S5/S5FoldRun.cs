using SerialCluster.Workloads.Plans;

namespace SerialCluster.Workloads.S5;

/// <summary>The left fold as a chain: the state is the product of the letters so far (one byte).</summary>
public sealed class S5FoldRun : IChainRun
{
    private readonly ulong _seed;
    private int _product = S5Group.Identity;

    public S5FoldRun(ulong seed, long length)
    {
        _seed = seed;
        TotalSteps = length;
    }

    public long TotalSteps { get; }

    public long StepsDone { get; private set; }

    public void Advance(long steps)
    {
        steps = Math.Min(steps, TotalSteps - StepsDone);
        if (steps <= 0)
        {
            return;
        }

        _product = S5Kernel.Fold(_seed, StepsDone, StepsDone + steps, _product);
        StepsDone += steps;
    }

    public byte[] Output() =>
        StepsDone == TotalSteps
            ? [(byte)_product]
            : throw new InvalidOperationException($"The fold has done {StepsDone} of {TotalSteps} letters.");

    public byte[] Checkpoint() => new ChainStateWriter("s5-fold").Int64(StepsDone).Int64(_product).ToArray();

    public void Restore(byte[] checkpoint)
    {
        var reader = new ChainStateReader(checkpoint, "s5-fold");
        var steps = reader.Steps(TotalSteps);
        var product = reader.Int64();
        reader.End();
        if (product is < 0 or > byte.MaxValue)
        {
            throw new InvalidDataException($"the checkpoint's product {product} is not an element index");
        }

        _product = (int)product;
        StepsDone = steps;
    }
}
