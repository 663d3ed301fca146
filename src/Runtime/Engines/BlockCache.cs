using System.Collections.Concurrent;
using A64Jit.IR;

namespace A64Jit.Runtime.Engines;

/// <summary>
/// Translated blocks by start address, shared by all guest threads. A write to a page that holds
/// code drops every block that covers it (self-modifying code, JIT compilers in the guest).
/// </summary>
public sealed class BlockCache<T> where T : class
{
    readonly ConcurrentDictionary<ulong, T> blocks = new();
    readonly ConcurrentDictionary<ulong, ConcurrentBag<ulong>> startsByPage = new();

    public int Count => blocks.Count;

    public bool TryGet(ulong pc, out T block) => blocks.TryGetValue(pc, out block!);

    public void Add(ulong pc, ulong endPc, T block)
    {
        blocks[pc] = block;
        for (ulong page = pc >> 12; page <= (endPc - 1) >> 12; page++)
            startsByPage.GetOrAdd(page, _ => []).Add(pc);
    }

    /// <summary>Drops the blocks that cover the page holding <paramref name="address"/>.</summary>
    public void InvalidatePage(ulong address)
    {
        if (startsByPage.TryRemove(address >> 12, out var starts))
            foreach (var pc in starts)
                blocks.TryRemove(pc, out _);
    }

    public void Clear()
    {
        blocks.Clear();
        startsByPage.Clear();
    }
}

/// <summary>A lifted block with its IR for the reference interpreter.</summary>
public sealed record InterpretedBlock(Block Ir);
