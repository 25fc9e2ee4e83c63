using System.Numerics;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Workloads.TimeLock;

/// <summary>
/// The trapdoor's chain (<see cref="TimeLockTrapdoor"/>): first e = 2^t mod φ(N) as a BigInteger, then x^e mod N in
/// Montgomery form with the same arithmetic the squaring chain uses.
/// </summary>
public sealed class TimeLockTrapdoorRun : IChainRun
{
    private readonly MontgomeryModulus _modulus;
    private readonly TimeLockTrapdoor _trapdoor;
    private readonly ulong[] _x;
    private readonly ulong[] _residue;
    private readonly ulong[] _scratch;
    private BigInteger _exponent;

    public TimeLockTrapdoorRun(MontgomeryModulus modulus, BigInteger x, TimeLockTrapdoor trapdoor)
    {
        _modulus = modulus;
        _trapdoor = trapdoor;
        _x = modulus.ToMontgomery(x);
        _residue = (ulong[])_x.Clone();
        _scratch = new ulong[2 * modulus.Limbs];
        _exponent = 2 % trapdoor.Phi;
        TotalSteps = trapdoor.Steps.Count;
    }

    public long TotalSteps { get; }

    public long StepsDone { get; private set; }

    public void Advance(long steps)
    {
        var end = StepsDone + Math.Min(steps, TotalSteps - StepsDone);
        for (var k = StepsDone; k < end; k++)
        {
            switch (_trapdoor.Steps[(int)k])
            {
                case TimeLockTrapdoor.SquareModPhi:
                    _exponent = _exponent * _exponent % _trapdoor.Phi;
                    break;
                case TimeLockTrapdoor.DoubleModPhi:
                    _exponent = (_exponent << 1) % _trapdoor.Phi;
                    break;
                case TimeLockTrapdoor.SquareModN:
                    CheckExponent();
                    _modulus.SquareRepeatedly(_residue, _scratch, 1);
                    break;
                default:
                    CheckExponent();
                    _modulus.Multiply(_residue, _x, _scratch);
                    break;
            }

            StepsDone = k + 1;
        }
    }

    /// <summary>y as unsigned little-endian bytes, as <see cref="TimeLockRun"/> writes it.</summary>
    public byte[] Output()
    {
        if (StepsDone != TotalSteps)
        {
            throw new InvalidOperationException($"The trapdoor has done {StepsDone} of {TotalSteps} steps.");
        }

        CheckExponent();
        return _modulus.FromMontgomery(_residue).ToByteArray(isUnsigned: true, isBigEndian: false);
    }

    public byte[] Checkpoint() =>
        new ChainStateWriter("timelock-trapdoor").Int64(StepsDone)
            .Bytes(_exponent.ToByteArray(isUnsigned: true, isBigEndian: false)).Words(_residue).ToArray();

    public void Restore(byte[] checkpoint)
    {
        var reader = new ChainStateReader(checkpoint, "timelock-trapdoor");
        var steps = reader.Steps(TotalSteps);
        var exponent = new BigInteger(reader.Bytes(), isUnsigned: true, isBigEndian: false);
        ChainStateReader.Into(reader.Words(), _residue, "residue");
        reader.End();
        _exponent = exponent;
        StepsDone = steps;
    }

    // The second pass follows the bits of the e the plan was compiled with: the first pass must have reached it
    // (0 stands for φ, see TimeLockTrapdoor), or the schedule would exponentiate by the wrong number.
    private void CheckExponent()
    {
        if (_exponent != _trapdoor.Exponent && !(_exponent.IsZero && _trapdoor.Exponent == _trapdoor.Phi))
        {
            throw new InvalidOperationException("The trapdoor's first pass did not reach the planned exponent.");
        }
    }
}
