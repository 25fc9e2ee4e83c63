using System.Globalization;

namespace SerialCluster.Workloads.Parameters;

/// <summary>
/// A workload's parameters after validation: every parameter present (defaults filled in) as canonical text,
/// read back through typed getters. Only <see cref="ParameterValidator"/> creates one.
/// </summary>
public sealed class ParameterValues
{
    private readonly SortedDictionary<string, string> _values;

    internal ParameterValues(string workload, SortedDictionary<string, string> values)
    {
        Workload = workload;
        _values = values;
    }

    public string Workload { get; }

    /// <summary>Every parameter's canonical text, sorted by name: what crosses the wire and what <c>--json</c> shows.</summary>
    public IReadOnlyDictionary<string, string> Canonical => _values;

    public long GetInteger(string name) => long.Parse(Get(name), NumberStyles.Integer, CultureInfo.InvariantCulture);

    public int GetInt32(string name) => checked((int)GetInteger(name));

    public double GetReal(string name) => double.Parse(Get(name), NumberStyles.Float, CultureInfo.InvariantCulture);

    public bool GetBoolean(string name) => Get(name) == "true";

    public string GetString(string name) => Get(name);

    public byte[] GetHex(string name) => Convert.FromHexString(Get(name));

    /// <summary>A copy with one integer parameter replaced (an adapted default; the name must be declared).</summary>
    internal ParameterValues With(string name, long value)
    {
        _ = Get(name);
        return new ParameterValues(Workload, new SortedDictionary<string, string>(_values, StringComparer.Ordinal)
        {
            [name] = value.ToString(CultureInfo.InvariantCulture),
        });
    }

    private string Get(string name) =>
        _values.TryGetValue(name, out var value)
            ? value
            : throw new KeyNotFoundException($"Workload {Workload} declares no parameter '{name}'.");
}
