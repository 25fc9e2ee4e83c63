using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Text;
using static SerialCluster.Workloads.Tests.Arith.ArithRunner;

namespace SerialCluster.Workloads.Tests.Arith;

/// <summary>Random circuits against arith_eval.py, an evaluator written apart in Python (big integers, then mod p).</summary>
public sealed class ArithPythonTests
{
    [SkippableTheory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void RandomCircuitsMatchAnIndependentPythonEvaluator(int seed)
    {
        var python = FindPython();
        Skip.If(python is null, "python3 not found: apt-get install -y python3");
        var random = new Random(seed);
        var (text, inputs) = RandomCircuit(random, inputCount: 1 + random.Next(12), gates: 150 + random.Next(400));
        var directory = Directory.CreateTempSubdirectory("arith-python-");
        try
        {
            var circuitFile = Path.Combine(directory.FullName, "circuit.txt");
            var inputsFile = Path.Combine(directory.FullName, "inputs.txt");
            File.WriteAllText(circuitFile, text);
            File.WriteAllText(inputsFile, string.Join(" ", inputs.Select(v => v.ToString(CultureInfo.InvariantCulture))));
            var expected = RunPython(python!, circuitFile, inputsFile);
            var result = RunEveryWay(Text(text, inputs, tasks: 3, grain: 1));
            Assert.Equal(expected, Outputs(result));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>Constants, inputs, and gates over any earlier names with 1–4 operands (SUB at least 2); every fifth gate is an output.</summary>
    private static (string Text, BigInteger[] Inputs) RandomCircuit(Random random, int inputCount, int gates)
    {
        var text = new StringBuilder("# random circuit\n");
        var names = new List<string>();
        for (var i = 0; i < inputCount; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"INPUT(in{i})\n");
            names.Add($"in{i}");
        }

        for (var c = 0; c < 4; c++)
        {
            text.Append(CultureInfo.InvariantCulture, $"k{c} = const({random.NextInt64(0, (long)P)})   # a constant\n");
            names.Add($"k{c}");
        }

        string[] ops = ["ADD", "SUB", "MUL", "mul"];
        for (var g = 0; g < gates; g++)
        {
            var op = ops[random.Next(ops.Length)];
            var count = op == "SUB" ? 2 + random.Next(3) : 1 + random.Next(4);
            // Mostly recent names, sometimes far back: values carried across many levels.
            var operands = Enumerable.Range(0, count).Select(_ => names[random.Next(2) == 0
                ? random.Next(names.Count)
                : Math.Max(0, names.Count - 1 - random.Next(6))]);
            text.Append(CultureInfo.InvariantCulture, $"g{g} = {op}({string.Join(", ", operands)})\n");
            names.Add($"g{g}");
            if (g % 5 == 4 || g == gates - 1)
            {
                text.Append(CultureInfo.InvariantCulture, $"OUTPUT(g{g})\n");
            }
        }

        text.Append("OUTPUT(in0)\n");
        return (text.ToString(), [.. Enumerable.Range(0, inputCount).Select(_ => (BigInteger)random.NextInt64(0, (long)P))]);
    }

    private static ulong[] RunPython(string python, string circuitFile, string inputsFile)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Arith", "arith_eval.py");
        var info = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { script, circuitFile, inputsFile })
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill();
            throw new TimeoutException("arith_eval.py ran over two minutes");
        }

        Assert.True(process.ExitCode == 0, $"arith_eval.py failed: {stderr.Result}");
        return [.. stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => ulong.Parse(line, CultureInfo.InvariantCulture))];
    }

    private static string? FindPython() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(directory => Path.Combine(directory, "python3"))
            .FirstOrDefault(File.Exists);
}
