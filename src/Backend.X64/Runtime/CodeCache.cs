using System.Runtime.InteropServices;
using A64Jit.IR;
using Iced.Intel;
using static Iced.Intel.AssemblerRegisters;

namespace A64Jit.Backend.X64;

/// <summary>
/// Compiled blocks in executable memory, shared by every guest thread, with what ties them together
/// without managed code in the loop: the entry trampoline, the indirect-branch lookup that searches the
/// dispatch table from emitted code, and direct-branch chaining (a link slot is patched to jump straight
/// to its target once both blocks exist, and unpatched when the target is invalidated).
/// When the executable memory is full the whole cache is flushed; the caller must make sure no thread is
/// inside compiled code then (<see cref="FlushLock"/>).
/// Blocks are keyed by <see cref="BlockKey"/>. A physically tagged cache (full-system mode) links a jump
/// only to a block in the same virtual page under the same translation key, the one case where the
/// target's physical address follows from the source's, and never publishes to the dispatch table,
/// whose lookup compares only the virtual PC: every other transfer goes through the runtime's lookup.
/// </summary>
public sealed unsafe partial class CodeCache : IDisposable
{
    /// <summary>Dispatch table size: a power of two, indexed by (pc >> 2) &amp; mask.</summary>
    public const int DispatchEntries = 1 << 16;

    readonly ExecutableMemory memory;
    readonly DispatchEntry* table;
    readonly nint* emptyCell;
    readonly Lock gate = new();
    readonly Dictionary<BlockKey, CachedBlock> blocks = [];
    readonly Dictionary<ulong, List<BlockKey>> startsByPage = [];
    // Link sites (host addresses) waiting for their target to be compiled.
    readonly Dictionary<BlockKey, List<PendingLink>> pending = [];
    // Physically tagged mode: per-CPU, per-translation-key tables (QEMU's jump cache), valid for the
    // current mappings only; the runtime clears a CPU's tables when its translations change.
    readonly List<nint> jumpTables = [];
    // Guarded memory: the registered access sites of the blocks in the cache (host addresses).
    readonly List<nint> faultSites = [];
    bool faultRangeRegistered;
    Stubs stubs;

    /// <summary>Held for reading by every thread while it runs compiled code, for writing by a flush.</summary>
    public ReaderWriterLockSlim FlushLock { get; } = new(LockRecursionPolicy.NoRecursion);

    public int Count
    {
        get
        {
            lock (gate)
                return blocks.Count;
        }
    }

    /// <summary>How many times the cache filled up and was flushed.</summary>
    public int Flushes { get; private set; }

    public ExecutableMemory Memory => memory;

    /// <summary>Every block returns to the caller after it ran (no chaining, no lookup from code): for lockstep.</summary>
    public bool SingleStep { get; }

    /// <summary>Full-system mode: blocks are told apart by physical address and translation key (see the class summary).</summary>
    public bool PhysicallyTagged { get; }

    public CodeCache(int capacity = ExecutableMemory.DefaultCapacity, bool singleStep = false, bool physicallyTagged = false)
    {
        SingleStep = singleStep;
        PhysicallyTagged = physicallyTagged;
        memory = new ExecutableMemory(capacity);
        table = (DispatchEntry*)NativeMemory.AllocZeroed((nuint)DispatchEntries, (nuint)sizeof(DispatchEntry));
        emptyCell = (nint*)NativeMemory.Alloc((nuint)sizeof(nint));
        stubs = Stubs.Emit(memory);
        *emptyCell = SingleStep ? stubs.StepDone : stubs.Lookup;
    }

    /// <summary>A return cell that always leads to the lookup: what empty return-stack entries name.</summary>
    public nint EmptyReturnCell => (nint)emptyCell;

    /// <summary>
    /// A new jump table for one CPU and translation key (physically tagged mode): the emitted lookup
    /// searches it like the shared dispatch table. Invalidations and flushes clear it too.
    /// </summary>
    public DispatchEntry* NewJumpTable()
    {
        var t = (DispatchEntry*)NativeMemory.AllocZeroed((nuint)DispatchEntries, (nuint)sizeof(DispatchEntry));
        lock (gate)
            jumpTables.Add((nint)t);
        return t;
    }

    /// <summary>Forgets the entries of a jump table for the virtual page of <paramref name="va"/> (its mapping changed).</summary>
    public static void ClearJumpTablePage(DispatchEntry* t, ulong va)
    {
        int first = (int)((va >> 2) & (ulong)(DispatchEntries - 1) & ~1023UL);
        new Span<DispatchEntry>(t + first, 1024).Clear();
    }

    /// <summary>Forgets every entry of a jump table (its CPU's mappings changed).</summary>
    public static void ClearJumpTable(DispatchEntry* t) => new Span<DispatchEntry>(t, DispatchEntries).Clear();

    /// <summary>Points a context at this cache's stubs and at a dispatch table: the shared one, or a CPU's jump table.</summary>
    public void Attach(JitContext* ctx, DispatchEntry* jumpTable = null)
    {
        ctx->DispatchTable = jumpTable != null ? jumpTable : table;
        ctx->LookupStub = SingleStep ? stubs.StepDone : stubs.Lookup;
        ctx->ExitStub = stubs.Exit;
    }

    /// <summary>Runs compiled code from ctx.Pc until it leaves: the dispatch table is searched first.</summary>
    public JitExit Enter(JitContext* ctx, DispatchEntry* jumpTable = null)
    {
        Attach(ctx, jumpTable);
        ctx->HelperStatus = 0;
        return (JitExit)((delegate* unmanaged<JitContext*, int>)stubs.Enter)(ctx);
    }

    /// <summary>The block at <paramref name="key"/>; found, it is published to the dispatch table (or to <paramref name="jumpTable"/>).</summary>
    public bool TryGet(BlockKey key, out nint entry, DispatchEntry* jumpTable = null)
    {
        lock (gate)
        {
            if (blocks.TryGetValue(key, out var b))
            {
                entry = b.Entry;
                if (jumpTable != null)
                    Publish(jumpTable, key.Pc, entry);
                else
                    Publish(key.Pc, entry);
                return true;
            }
        }
        entry = 0;
        return false;
    }

    /// <summary>
    /// Places a compiled block, links it with its neighbours and publishes it; returns its entry. When the
    /// memory is full the cache is flushed first: the calling thread must not be inside compiled code.
    /// </summary>
    public nint Add(BlockKey key, ulong endPc, CompiledBlock compiled)
    {
        nint entry = TryAdd(key, endPc, compiled);
        if (entry != 0)
            return entry;
        Flush();
        entry = TryAdd(key, endPc, compiled);
        if (entry == 0)
            throw new InvalidOperationException($"a block of {compiled.Code.Length} bytes does not fit the code cache");
        return entry;
    }

    nint TryAdd(BlockKey key, ulong endPc, CompiledBlock compiled)
    {
        lock (gate)
        {
            if (blocks.TryGetValue(key, out var existing))
                return existing.Entry;
            if (!memory.TryAllocate(compiled.Code, out nint code))
                return 0;
            var block = new CachedBlock(key, endPc, code, code + compiled.EntryOffset, compiled);
            blocks[key] = block;
            RegisterFaultSites(code, compiled.Faults);
            // A block never crosses a page: it covers the page of its first instruction only.
            if (!startsByPage.TryGetValue(key.PhysicalPage, out var starts))
                startsByPage[key.PhysicalPage] = starts = [];
            starts.Add(key);
            var sites = compiled.Links.Select(l => (l.Target, Site: new PendingLink(code + l.SiteOffset, code + l.UnlinkedOffset)))
                .Concat(compiled.Cells.Select(c => (Target: c.ReturnPc, Site: new PendingLink(code + c.Offset, 0, IsCell: true))));
            foreach (var (linkTarget, site) in sites)
            {
                if (site.IsCell)
                    *(nint*)memory.WritableAddress(site.Site) = SingleStep ? stubs.StepDone : stubs.Lookup;
                if (SingleStep || LinkKey(key, linkTarget) is not { } targetKey)
                    continue;
                block.Outgoing.Add((targetKey, site));
                if (blocks.TryGetValue(targetKey, out var target))
                    Link(site, target);
                else
                {
                    if (!pending.TryGetValue(targetKey, out var waiting))
                        pending[targetKey] = waiting = [];
                    waiting.Add(site);
                }
            }
            if (pending.Remove(key, out var incoming))
                foreach (var site in incoming)
                    Link(site, block);
            Publish(key.Pc, block.Entry);
            return block.Entry;
        }
    }

    /// <summary>
    /// Guarded accesses: a host fault at one of them resumes at its slow path. Sites stay registered until
    /// a flush reuses the memory, since a thread may still be running a block after it was invalidated.
    /// </summary>
    void RegisterFaultSites(nint code, IReadOnlyList<FaultSite> sites)
    {
        if (sites.Count == 0)
            return;
        if (!faultRangeRegistered)
        {
            GuardedAccessFaults.AddCodeRange(memory.ExecutableBase, memory.ExecutableBase + memory.Capacity);
            faultRangeRegistered = true;
        }
        foreach (var site in sites)
        {
            GuardedAccessFaults.AddSite(code + site.AccessOffset, code + site.SlowOffset);
            faultSites.Add(code + site.AccessOffset);
        }
    }

    void ForgetFaultSites()
    {
        foreach (var site in faultSites)
            GuardedAccessFaults.RemoveSite(site);
        faultSites.Clear();
    }

    /// <summary>The key of the block a jump from <paramref name="from"/> to <paramref name="target"/> may be linked to; null when it must take the lookup.</summary>
    BlockKey? LinkKey(BlockKey from, ulong target)
    {
        if (!PhysicallyTagged)
            return BlockKey.Flat(target);
        if ((target >> 12) != (from.Pc >> 12))
            return null;
        return new BlockKey(target, (from.PhysicalPc & ~0xFFFUL) | (target & 0xFFF), from.Translation);
    }

    void Link(PendingLink site, CachedBlock target)
    {
        Point(site, target.Entry);
        target.Incoming.Add(site);
    }

    /// <summary>Points a link slot or a return cell at a host address.</summary>
    void Point(PendingLink site, nint destination)
    {
        if (site.IsCell)
            Volatile.Write(ref *(nint*)memory.WritableAddress(site.Site), destination);
        else
            PatchJump(site.Site, destination);
    }

    /// <summary>Rewrites the rel32 of the jmp at <paramref name="site"/>; the displacement sits in one aligned word, so the store is atomic.</summary>
    void PatchJump(nint site, nint destination)
    {
        int displacement = checked((int)(destination - (site + 5)));
        *(int*)memory.WritableAddress(site + 1) = displacement;
    }

    void Publish(ulong pc, nint entry)
    {
        if (!PhysicallyTagged)
            Publish(table, pc, entry);
    }

    static void Publish(DispatchEntry* into, ulong pc, nint entry)
    {
        ref var slot = ref into[(int)((pc >> 2) & (DispatchEntries - 1))];
        // Clear first so a racing lookup never pairs the new pc with the old host address.
        Volatile.Write(ref slot.Host, 0);
        Volatile.Write(ref slot.GuestPc, pc);
        Volatile.Write(ref slot.Host, entry);
    }

    /// <summary>Drops the blocks that cover the (physical) page of <paramref name="address"/>: unlinks jumps into them and clears their dispatch entries.</summary>
    public void InvalidatePage(ulong address)
    {
        lock (gate)
        {
            if (!startsByPage.Remove(address >> 12, out var starts))
                return;
            foreach (var key in starts)
            {
                if (!blocks.Remove(key, out var block))
                    continue;
                // Its own jumps are dead code now: forget them, or re-linking would keep patching them.
                foreach (var (target, site) in block.Outgoing)
                {
                    if (blocks.TryGetValue(target, out var t))
                        t.Incoming.Remove(site);
                    else if (pending.TryGetValue(target, out var waiting))
                        waiting.Remove(site);
                }
                foreach (var site in block.Incoming)
                {
                    Point(site, site.IsCell ? stubs.Lookup : site.Unlinked);
                    if (!pending.TryGetValue(key, out var waiting))
                        pending[key] = waiting = [];
                    waiting.Add(site);
                }
                Unpublish(table, block);
                foreach (var t in jumpTables)
                    Unpublish((DispatchEntry*)t, block);
            }
        }
    }

    /// <summary>Clears a table's entry for a dropped block (only if it still names that block's code).</summary>
    static void Unpublish(DispatchEntry* from, CachedBlock block)
    {
        ref var slot = ref from[(int)((block.Key.Pc >> 2) & (DispatchEntries - 1))];
        if (slot.GuestPc == block.Key.Pc && slot.Host == block.Entry)
            Volatile.Write(ref slot.Host, 0);
    }

    /// <summary>Raised before a flush waits for the threads in compiled code: interrupt them so they leave.</summary>
    public event Action? FlushRequested;

    /// <summary>
    /// Forgets every block (the memory is full, or the guest's code changed wholesale). Waits until no
    /// thread is inside compiled code; the caller must not be inside it, nor hold the read lock.
    /// </summary>
    public void Flush()
    {
        FlushRequested?.Invoke();
        FlushLock.EnterWriteLock();
        try
        {
            lock (gate)
                FlushLocked();
        }
        finally
        {
            FlushLock.ExitWriteLock();
        }
    }

    void FlushLocked()
    {
        blocks.Clear();
        startsByPage.Clear();
        pending.Clear();
        new Span<DispatchEntry>(table, DispatchEntries).Clear();
        foreach (var t in jumpTables)
            ClearJumpTable((DispatchEntry*)t);
        ForgetFaultSites();
        memory.Reset();
        stubs = Stubs.Emit(memory);
        *emptyCell = SingleStep ? stubs.StepDone : stubs.Lookup;
        Flushes++;
    }

    /// <summary>The compiled form of the block at <paramref name="key"/>, for --dump-x86 and lockstep reports.</summary>
    public CachedBlock? Find(BlockKey key)
    {
        lock (gate)
            return blocks.GetValueOrDefault(key);
    }

    public void Dispose()
    {
        lock (gate)
        {
            ForgetFaultSites();
            if (faultRangeRegistered)
                GuardedAccessFaults.RemoveCodeRange(memory.ExecutableBase);
        }
        memory.Dispose();
        NativeMemory.Free(table);
        foreach (var t in jumpTables)
            NativeMemory.Free((void*)t);
        NativeMemory.Free(emptyCell);
        FlushLock.Dispose();
    }

    public sealed record CachedBlock(BlockKey Key, ulong EndPc, nint Code, nint Entry, CompiledBlock Compiled)
    {
        public ulong StartPc => Key.Pc;

        public List<PendingLink> Incoming { get; } = [];

        /// <summary>This block's link sites, by target key.</summary>
        public List<(BlockKey Target, PendingLink Site)> Outgoing { get; } = [];
    }

    /// <summary>A jmp rel32 slot (back to <paramref name="Unlinked"/> when its target goes), or a return cell (back to the lookup).</summary>
    public readonly record struct PendingLink(nint Site, nint Unlinked, bool IsCell = false);
}
