using A64Jit.Hypervisor.Cpu;
using A64Jit.Hypervisor.Exceptions;
using A64Jit.IR;
using A64Jit.Runtime.Cpu;

namespace A64Jit.Runtime.Machine;

/// <summary>
/// One CPU of the full-system machine as the engines see it: loads, stores and fetches go through its MMU
/// to physical memory and devices, system registers through <see cref="SystemCpu"/>. Compiled code has no
/// flat memory here, so every access takes the helper path into this class.
/// </summary>
public sealed unsafe class SystemContext : CpuContext, ISystemHooks
{
    public SystemCpu Cpu { get; }
    /// <summary>Physical memory and devices (lockstep swaps in a replaying bus for one block).</summary>
    public IPhysicalBus Bus { get; set; }
    public Mmu Mmu { get; }

    /// <summary>What compiled code checks inline before it touches guest RAM.</summary>
    readonly Backend.X64.InlineTlb inlineTlb = new();

    public SystemContext(CpuState state, IPhysicalBus bus, SystemCpuConfig config) : base(state)
    {
        Bus = bus;
        Cpu = new SystemCpu(state, config, this);
        Mmu = new Mmu(Cpu, () => Bus);
        state.Native->Tlb = inlineTlb.Table;
    }

    public override bool SystemMode => true;

    public override Frontend.Lifting.LiftChecks LiftChecks(BlockKey key) =>
        ((key.Translation & SystemCpu.KeyFpTraps) != 0 ? Frontend.Lifting.LiftChecks.FpTraps : 0)
        | ((key.Translation & SystemCpu.KeyAlignment) != 0 ? Frontend.Lifting.LiftChecks.Alignment : 0);

    public override uint? Fetch(ulong pc)
    {
        if ((pc & 3) != 0 || Mmu.TryTranslateFetch(pc) is not ulong pa || !Bus.IsRam(pa, 4))
            return null;
        // A page that just became code may have inline write entries: stores to it must now take the slow path.
        if (Bus.MarkCode(pa))
            inlineTlb.Clear();
        return *(uint*)Bus.HostAddress(pa);
    }

    public override BlockKey? CodeKey(ulong pc) =>
        (pc & 3) == 0 && Mmu.TryTranslateFetch(pc) is ulong pa && Bus.IsRam(pa, 4) ? new BlockKey(pc, pa, Cpu.TranslationKey) : null;

    /// <summary>Set when --profile is on: system-register accesses are counted.</summary>
    public Hypervisor.Profiling.SysRegProfile? Profile
    {
        get => Cpu.Profile;
        set
        {
            Cpu.Profile = value;
            State.Native->ProfileCounters = value is null ? null : value.Counters;
        }
    }

    public override void LowerSystemRegisters(Block block, BlockKey key) => SysRegLowering.Run(block, Cpu, key.Translation, Profile);

    public override void Count(int counter) => Interlocked.Increment(ref Profile!.Counters[counter]);

    public override ulong ReadSysReg(uint encoding, ulong pc) => Cpu.ReadSysReg(encoding);

    public override void WriteSysReg(uint encoding, ulong value, ulong pc) => Cpu.WriteSysReg(encoding, value);

    // ---- Memory ---------------------------------------------------------------------------------

    ulong Load(ulong va, int size)
    {
        if (((va ^ (va + (ulong)size - 1)) >> 12) != 0)
            return LoadSplit(va, size);
        ulong pa = Mmu.Translate(va, MemoryAccess.Read);
        if (!Bus.TryRead(pa, size, out ulong value))
            throw Mmu.ExternalAbort(va, pa, write: false);
        // Compiled code's inline TLB holds only what the current EL's own accesses may do.
        if (Bus.IsRam(pa, size) && !Mmu.InUnprivilegedAccess)
            inlineTlb.Fill(va, Bus.HostAddress(pa), readable: true, writable: false);
        return value;
    }

    ulong LoadSplit(ulong va, int size)
    {
        ulong value = 0;
        for (int i = 0; i < size; i++)
            value |= Load(va + (ulong)i, 1) << (8 * i);
        return value;
    }

    void Store(ulong va, int size, ulong value)
    {
        if (((va ^ (va + (ulong)size - 1)) >> 12) != 0)
        {
            // Check both pages before writing either, so a fault leaves memory unchanged.
            Mmu.Translate(va, MemoryAccess.Write);
            Mmu.Translate(va + (ulong)size - 1, MemoryAccess.Write);
            for (int i = 0; i < size; i++)
                Store(va + (ulong)i, 1, value >> (8 * i));
            return;
        }
        ulong pa = Mmu.Translate(va, MemoryAccess.Write);
        if (!Bus.TryWrite(pa, size, value))
            throw Mmu.ExternalAbort(va, pa, write: true);
        if (Bus.IsRam(pa, size) && !Bus.IsCodePage(pa) && !Mmu.InUnprivilegedAccess)
            inlineTlb.Fill(va, Bus.HostAddress(pa), readable: false, writable: true);
    }

    /// <summary>LDTR/STTR: checked as EL0 accesses when made at EL1 (and at EL2 in the EL2&amp;0 host), PAN not applied.</summary>
    public override ulong ReadUnprivileged(ulong address, int size)
    {
        using (Mmu.Unprivileged())
            return Load(address, size);
    }

    public override void WriteUnprivileged(ulong address, int size, ulong value)
    {
        using (Mmu.Unprivileged())
            Store(address, size, value);
    }

    public override byte Read8(ulong address) => (byte)Load(address, 1);
    public override ushort Read16(ulong address) => (ushort)Load(address, 2);
    public override uint Read32(ulong address) => (uint)Load(address, 4);
    public override ulong Read64(ulong address) => Load(address, 8);
    public override UInt128 Read128(ulong address)
    {
        Mmu.Translate(address + 15, MemoryAccess.Read);
        return new UInt128(Load(address + 8, 8), Load(address, 8));
    }

    public override void Write8(ulong address, byte value) => Store(address, 1, value);
    public override void Write16(ulong address, ushort value) => Store(address, 2, value);
    public override void Write32(ulong address, uint value) => Store(address, 4, value);
    public override void Write64(ulong address, ulong value) => Store(address, 8, value);
    public override void Write128(ulong address, UInt128 value)
    {
        Mmu.Translate(address, MemoryAccess.Write);
        Mmu.Translate(address + 15, MemoryAccess.Write);
        Store(address, 8, (ulong)value);
        Store(address + 8, 8, (ulong)(value >> 64));
    }

    protected override byte* AtomicPointer(ulong address, int size, bool write)
    {
        if ((address & (ulong)(size - 1)) != 0)
            throw Mmu.AlignmentFault(address, write);
        ulong pa = Mmu.Translate(address, write ? MemoryAccess.Write : MemoryAccess.Read);
        if (!Bus.IsRam(pa, size))
            throw Mmu.ExternalAbort(address, pa, write);
        if (write)
            Bus.NoteStore(pa, size);
        return Bus.HostAddress(pa);
    }

    /// <summary>
    /// DC ZVA: 64 bytes (DCZID_EL0.BS = 4), checked as one write before any byte changes. In RAM it is one clear
    /// (Linux clears every page it allocates this way); device memory gets eight 8-byte writes.
    /// </summary>
    public override void ZeroBlock(uint aux, ulong address)
    {
        Cpu.CheckSystemInstruction(aux);
        ulong start = address & ~63UL;
        ulong pa = Mmu.Translate(start, MemoryAccess.Write);
        if (Bus.IsRam(pa, 64))
        {
            new Span<byte>(Bus.HostAddress(pa), 64).Clear();
            Bus.NoteStore(pa, 64);
            if (!Bus.IsCodePage(pa))
                inlineTlb.Fill(start, Bus.HostAddress(pa), readable: false, writable: true);
            return;
        }
        for (int i = 0; i < 8; i++)
            Store(start + (ulong)(8 * i), 8, 0);
    }

    /// <summary>DC CVAC and friends by VA: the address must translate (a fault is the guest's); no caches are modelled.</summary>
    public override void CacheMaintenance(uint aux, ulong address)
    {
        Cpu.CheckSystemInstruction(aux);
        Mmu.Translate(address, MemoryAccess.Read);
    }

    // ---- What the system slow path asks of the machine (ISystemHooks) -----------------------------

    public void TranslationChanged()
    {
        Mmu.Flush();
        inlineTlb.Clear();
        translationEpoch++;
        staleCodePages.Clear();
    }

    public void TranslationChanged(ulong va)
    {
        Mmu.FlushPage(va);
        inlineTlb.ClearPage(va);
        if (staleCodePages.Count >= 64)
            TranslationChanged();
        else
            staleCodePages.Add(va & ~0xFFFUL);
    }

    readonly List<ulong> staleCodePages = [];

    public override List<ulong> StaleCodePages => staleCodePages;

    long translationEpoch;

    public override long TranslationEpoch => translationEpoch;

    public override uint TranslationKey => Cpu.TranslationKey;

    public ulong AddressTranslate(AtOperation op, ulong va) => Mmu.AddressTranslate(op, va);

    public void CheckDataAddress(ulong va) => Mmu.Translate(va, MemoryAccess.Read);

    public void PrivilegeChanged() => inlineTlb.Clear();

    /// <summary>Something may have made an interrupt deliverable: compiled code leaves at the next block so the machine looks.</summary>
    public void InterruptsChanged()
    {
        if (Cpu.DeliverableInterrupt() is not null)
            State.RequestInterrupt();
    }

    /// <summary>The fault of an instruction fetch at <paramref name="pc"/>, for the machine to take.</summary>
    public SyndromeFault FetchFault(ulong pc) => Mmu.FetchFault(pc);
}
