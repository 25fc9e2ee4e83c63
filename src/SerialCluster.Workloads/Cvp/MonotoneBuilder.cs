using System.Runtime.InteropServices;

namespace SerialCluster.Workloads.Cvp;

/// <summary>
/// Accumulates the gates of an alternating, layered monotone circuit: AND on odd layers, OR on even layers, the
/// literals on layer 0, every gate reading only the layer just below (signals from lower layers arrive through
/// shared chains of one-input identity gates).
/// </summary>
internal sealed class MonotoneBuilder(int literals, int maxGates)
{
    private readonly List<GateKind> _kinds = [];
    private readonly List<int> _first = [0];
    private readonly List<int> _fanIn = [];
    private readonly List<int> _layer = [];
    private readonly List<int> _scratch = [];
    private readonly List<int> _carrierPool = [];
    private int[] _chainStart = [];
    private int[] _chainLength = [];
    private int[] _chainCapacity = [];

    /// <summary>True once more than the allowed number of gates were needed: the caller gives up.</summary>
    public bool TooLarge => _kinds.Count > maxGates;

    /// <summary>Adds an AND or OR gate on the lowest layer of its type above its inputs; returns its signal id.</summary>
    public int AddGate(bool isAnd, ReadOnlySpan<int> children)
    {
        var top = 0;
        foreach (var child in children)
        {
            top = Math.Max(top, LayerOf(child));
        }

        var layer = top + 1;
        if (IsAndLayer(layer) != isAnd)
        {
            layer++;
        }

        // Resolve carriers first: they append gates of their own.
        _scratch.Clear();
        foreach (var child in children)
        {
            _scratch.Add(LayerOf(child) == layer - 1 ? child : Carry(child, layer - 1));
        }

        return Append(isAnd, CollectionsMarshal.AsSpan(_scratch), layer);
    }

    public Netlist Build(int[] outputs) =>
        Netlist.FromLevels(literals, [.. _kinds], [.. _first], [.. _fanIn], [.. _layer], outputs);

    private static bool IsAndLayer(int layer) => (layer & 1) == 1;

    private int LayerOf(int signal) => signal < literals ? 0 : _layer[signal - literals];

    /// <summary>
    /// The identity gate that carries <paramref name="signal"/> up to <paramref name="layer"/>. A signal's carriers
    /// sit on consecutive layers, so they are kept as one growable run in a shared pool, indexed by layer.
    /// </summary>
    private int Carry(int signal, int layer)
    {
        var baseLayer = LayerOf(signal);
        EnsureChainSlot(signal);
        while (baseLayer + _chainLength[signal] < layer && !TooLarge)
        {
            var next = baseLayer + _chainLength[signal] + 1;
            var below = _chainLength[signal] == 0 ? signal : _carrierPool[_chainStart[signal] + _chainLength[signal] - 1];
            var carrier = Append(IsAndLayer(next), [below], next);
            if (_chainLength[signal] == _chainCapacity[signal])
            {
                // Move the run to the end of the pool with twice the room (amortized O(1) per carrier).
                var capacity = Math.Max(2, 2 * _chainCapacity[signal]);
                var start = _carrierPool.Count;
                for (var i = 0; i < _chainLength[signal]; i++)
                {
                    _carrierPool.Add(_carrierPool[_chainStart[signal] + i]);
                }

                for (var i = _chainLength[signal]; i < capacity; i++)
                {
                    _carrierPool.Add(-1);
                }

                _chainStart[signal] = start;
                _chainCapacity[signal] = capacity;
            }

            _carrierPool[_chainStart[signal] + _chainLength[signal]++] = carrier;
        }

        return TooLarge ? signal : _carrierPool[_chainStart[signal] + (layer - baseLayer - 1)];
    }

    private void EnsureChainSlot(int signal)
    {
        if (signal < _chainLength.Length)
        {
            return;
        }

        var size = Math.Max(signal + 1, 2 * _chainLength.Length);
        Array.Resize(ref _chainStart, size);
        Array.Resize(ref _chainLength, size);
        Array.Resize(ref _chainCapacity, size);
    }

    private int Append(bool isAnd, ReadOnlySpan<int> fanIn, int layer)
    {
        var id = literals + _kinds.Count;
        _kinds.Add(isAnd ? GateKind.And : GateKind.Or);
        foreach (var source in fanIn)
        {
            _fanIn.Add(source);
        }

        _first.Add(_fanIn.Count);
        _layer.Add(layer);
        return id;
    }
}
