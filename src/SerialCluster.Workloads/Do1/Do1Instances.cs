using System.Globalization;
using SerialCluster.Workloads.Parameters;
using SerialCluster.Workloads.Randomness;

namespace SerialCluster.Workloads.Do1;

/// <summary>The input vectors the game is played on: read from <c>inputs</c>, or drawn from <c>seed</c> (instance 0 is cvp's default inputs).</summary>
internal static class Do1Instances
{
    public static byte[][] Read(string workload, string text, int inputCount, int drawn, ulong seed)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            var instances = new byte[drawn][];
            for (var k = 0; k < drawn; k++)
            {
                instances[k] = new byte[inputCount];
                for (var i = 0; i < inputCount; i++)
                {
                    instances[k][i] = (byte)(SplitMix64.At(seed, ((ulong)k * (ulong)inputCount) + (ulong)i) & 1);
                }
            }

            return instances;
        }

        var read = new List<byte[]>();
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && text[i] is not (',' or '\n' or '\r' or ' ' or '\t'))
            {
                if (text[i] is not ('0' or '1'))
                {
                    throw new InvalidParameterException(
                        ParameterErrorKind.Malformed, workload, "inputs", text, "'0'/'1' bit strings separated by commas or new lines",
                        InvalidParameterException.LineOf(text, i), $"'{text[i]}' is not a bit");
                }

                continue;
            }

            if (i > start)
            {
                if (i - start != inputCount)
                {
                    throw new InvalidParameterException(
                        ParameterErrorKind.OutOfRange, workload, "inputs", text,
                        string.Create(CultureInfo.InvariantCulture, $"bit strings of exactly {inputCount} bits, one per INPUT"),
                        InvalidParameterException.LineOf(text, start),
                        string.Create(CultureInfo.InvariantCulture, $"instance {read.Count + 1} has {i - start}"));
                }

                if (read.Count == Do1Workload.MaxInstances)
                {
                    throw new InvalidParameterException(
                        ParameterErrorKind.OutOfRange, workload, "inputs", text,
                        string.Create(CultureInfo.InvariantCulture, $"at most {Do1Workload.MaxInstances} instances"));
                }

                read.Add([.. text.AsSpan(start, i - start).ToArray().Select(c => (byte)(c - '0'))]);
            }

            start = i + 1;
        }

        return read.Count > 0
            ? [.. read]
            : throw new InvalidParameterException(ParameterErrorKind.OutOfRange, workload, "inputs", text, "at least one bit string, or empty to draw them");
    }
}
