using System.Text;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Cli.Tests.Jobs;

/// <summary>
/// Files given with <c>--set name=@path</c>, for every parameter that takes one: an empty or blank file, a directory and
/// binary content are refused naming the file (never echoing its bytes), and a refusal of the content names the file
/// and the line, <c>c17.bench:3: …</c>. Exit code 5, one line, before any cluster starts.
/// </summary>
public sealed class ParameterFileTests : IDisposable
{
    private const string Escargot = "1....7.9..3..2...8..96..5....53..9...1..8...26....4...3......1..4......7..7...3..";

    private const string EscargotEndingInX = "1....7.9..3..2...8..96..5....53..9...1..8...26....4...3......1..4......7..7...3.x";

    private readonly string _folder = Directory.CreateTempSubdirectory("serialcluster-files-").FullName;

    private static readonly (string Workload, string Parameter)[] EveryFileParameter =
        [.. WorkloadCatalog.All.SelectMany(w => w.Parameters.Where(p => p.AcceptsFile).Select(p => (w.Name, p.Name)))];

    public static TheoryData<string, string> FileParameters
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var (workload, parameter) in EveryFileParameter)
            {
                data.Add(workload, parameter);
            }

            return data;
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void EveryWorkloadThatTakesFilesIsCovered() =>
        Assert.Equal(
            [
                "arith circuit", "arith inputs", "cvp circuit", "cvp inputs", "do1 circuit", "do1 inputs", "sudoku puzzles", "timelock factors",
                "timelock modulus",
            ],
            EveryFileParameter.Select(row => $"{row.Workload} {row.Parameter}").Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(FileParameters))]
    public async Task AnEmptyOrBlankFileIsRefusedNamingIt(string workload, string parameter)
    {
        var empty = Write("empty.txt", []);
        await AssertRefusedAsync(workload, parameter, empty, $"{empty}: the file is empty; expected a text file ({workload} {parameter}=@{empty})");
        var blank = Write("blank.txt", " \n\t\r\n  "u8.ToArray());
        await AssertRefusedAsync(workload, parameter, blank, $"{blank}: the file's 7 bytes are all blank; expected a text file");
    }

    [Theory]
    [MemberData(nameof(FileParameters))]
    public async Task ADirectoryIsRefusedAsADirectory(string workload, string parameter) =>
        await AssertRefusedAsync(workload, parameter, _folder, $"{_folder}: is a directory, not a file; expected a text file");

    [Theory]
    [MemberData(nameof(FileParameters))]
    public async Task BinaryContentIsRefusedAndNeverEchoed(string workload, string parameter)
    {
        var invalid = Write("invalid.bin", [.. "CONTENT"u8, 0xFF, 0xFE, 0x80, 0x00, 0x01]);
        var stderr = await AssertRefusedAsync(workload, parameter, invalid, $"{invalid}: not text: not UTF-8 at byte 7 (a binary file?)");
        Assert.DoesNotContain("CONTENT", stderr, StringComparison.Ordinal);

        var control = Write("control.bin", [.. "CONTENT\n"u8, 0x00, 0x07, .. "CONTENT"u8]);
        stderr = await AssertRefusedAsync(workload, parameter, control, $"{control}:2: not text: control character U+0000 (a binary file?)");
        Assert.DoesNotContain("CONTENT", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cvp", "circuit", "# header\nINPUT(a)\ny AND(a)\n", ":3: expected INPUT(name), OUTPUT(name) or name = GATE(a, b, …), found 'y AND(a)'")]
    [InlineData("cvp", "circuit", "INPUT(a)\nOUTPUT(y)\n\ny = AND(a, b)\n", ":4: undefined signal 'b'")]
    [InlineData("sudoku", "puzzles", "# one puzzle, then a short line\n" + Escargot + "\n\n1234\n", ":4: 4 characters where the first puzzle has 81")]
    [InlineData("sudoku", "puzzles", Escargot + "\n" + EscargotEndingInX + "\n", ":2: 'x' at column 81")]
    [InlineData("timelock", "modulus", "\n\n35x7\n", ":3: 'x' is not a digit")]
    [InlineData("do1", "inputs", "0101010101010101\n01x\n", ":2: 'x' is not a bit")]
    [InlineData("do1", "circuit", "INPUT(a)\nOUTPUT(y)\n\ny = AND(a, b)\n", ":4: undefined signal 'b'")]
    [InlineData("arith", "circuit", "# a comment\nINPUT(x)\ny = DIV(x, x)\nOUTPUT(y)\n", ":3: unknown operation 'DIV'")]
    public async Task AParseErrorNamesTheFileAndTheLine(string workload, string parameter, string content, string expected)
    {
        var path = Write("input.txt", Encoding.UTF8.GetBytes(content));
        var stderr = await AssertRefusedAsync(workload, parameter, path, path + expected);
        Assert.Contains($"({workload} {parameter}=@{path})", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnInputsFileNamesItsLine()
    {
        var circuit = Write("and.bench", "INPUT(a)\nINPUT(b)\nOUTPUT(y)\ny = AND(a, b)\n"u8.ToArray());
        var inputs = Write("inputs.txt", "\n1x\n"u8.ToArray());
        var (code, _, stderr) = await CliHarness.RunAsync("run", "cvp", "--set", $"circuit=@{circuit}", "--set", $"inputs=@{inputs}");
        Assert.Equal(ExitCodes.MalformedParameter, code);
        Assert.StartsWith($"error: {inputs}:2: character 2 is 'x'; expected only '0' and '1'", stderr, StringComparison.Ordinal);
    }

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static async Task<string> AssertRefusedAsync(string workload, string parameter, string path, string expected)
    {
        var (code, stdout, stderr) = await CliHarness.RunAsync("run", workload, "--set", $"{parameter}=@{path}");
        Assert.True(code == ExitCodes.MalformedParameter, stderr);
        Assert.Empty(stdout);
        Assert.StartsWith("error: " + expected, stderr, StringComparison.Ordinal);
        Assert.Single(stderr.TrimEnd().Split('\n'));
        return stderr;
    }
}
