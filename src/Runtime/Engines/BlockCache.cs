using System.Collections.Concurrent;
using A64Jit.IR;

namespace A64Jit.Runtime.Engines;

/// <summary>
/// Translated blocks by <see cref="BlockKey"/>, shared by all guest threads. A write to a (physical)
/// page that holds code drops every block that covers it (self-modifying code, JIT compilers in the
/// guest). A block never crosses a page, so it covers exactly the page of its first instruction.
/// </summary>
public sealed class BlockCache<T> where T : class
{
    readonly ConcurrentDictionary<BlockKey, T> blocks = new();
    readonly ConcurrentDictionary<ulong, ConcurrentBag<BlockKey>> startsByPage = new();

    public int Count => blocks.Count;

    public bool TryGet(BlockKey key, out T block) => blocks.TryGetValue(key, out block!);

    public void Add(BlockKey key, T block)
    {
        blocks[key] = block;
        startsByPage.GetOrAdd(key.PhysicalPage, _ => []).Add(key);
    }

    /// <summary>Drops the blocks that cover the (physical) page holding <paramref name="address"/>.</summary>
    public void InvalidatePage(ulong address)
    {
        if (startsByPage.TryRemove(address >> 12, out var starts))
            foreach (var key in starts)
                blocks.TryRemove(key, out _);
    }

    public void Clear()
    {
        blocks.Clear();
        startsByPage.Clear();
    }
}

/// <summary>A lifted block with its IR for the reference interpreter.</summary>
public sealed record InterpretedBlock(Block Ir);
