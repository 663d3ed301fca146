namespace A64Jit.Hypervisor.Gic;

/// <summary>
/// A GICv3 (Arm IHI 0069) with one security state (GICD_CTLR.DS = 1, as QEMU's virt without EL3),
/// affinity routing always on, SGIs and PPIs per CPU, 256 SPIs (INTIDs 32..287), no LPIs. The distributor
/// and redistributor register frames are in the .Distributor and .Redistributor files, the CPU interface
/// (the ICC_* system registers) in <see cref="GicCpuInterface"/>. One lock guards it all; after every change
/// each CPU's IRQ/FIQ outputs are recomputed and <see cref="OutputsChanged"/> says which CPU to look.
/// </summary>
public sealed partial class GicV3
{
    public const int SpiCount = 256;
    public const int InterruptCount = 32 + SpiCount;
    /// <summary>Five priority bits are implemented (the low three read as zero).</summary>
    public const byte PriorityMask = 0xF8;
    public const int Spurious = 1023;

    /// <summary>The state of one interrupt (an SGI/PPI of one CPU, or an SPI).</summary>
    sealed class Interrupt
    {
        public bool Enabled, Latched, Active, Level, EdgeTriggered, Group1 = false;
        public byte Priority;
        /// <summary>SPIs: GICD_IROUTER (Aff3.Aff2.Aff1.Aff0, IRM in bit 31).</summary>
        public ulong Router;
        public bool Pending => Latched || (!EdgeTriggered && Level);
    }

    readonly Interrupt[][] local;     // [cpu][0..31]
    readonly Interrupt[] spis = new Interrupt[SpiCount];
    readonly bool[] irqOut, fiqOut;
    readonly Lock gate = new();
    uint distributorControl;

    public int CpuCount { get; }
    public GicCpuInterface[] CpuInterfaces { get; }

    /// <summary>Raised (outside any device lock) with a CPU index whose IRQ or FIQ output changed.</summary>
    public event Action<int>? OutputsChanged;

    public GicV3(int cpuCount)
    {
        CpuCount = cpuCount;
        local = new Interrupt[cpuCount][];
        for (int c = 0; c < cpuCount; c++)
        {
            local[c] = new Interrupt[32];
            for (int i = 0; i < 32; i++)
                local[c][i] = new Interrupt { EdgeTriggered = i < 16 };
        }
        for (int i = 0; i < SpiCount; i++)
            spis[i] = new Interrupt();
        irqOut = new bool[cpuCount];
        fiqOut = new bool[cpuCount];
        CpuInterfaces = Enumerable.Range(0, cpuCount).Select(c => new GicCpuInterface(this, c)).ToArray();
    }

    Interrupt Get(int cpu, int intid) => intid < 32 ? local[cpu][intid] : spis[intid - 32];

    bool Group1Enabled => (distributorControl & 2) != 0;
    bool Group0Enabled => (distributorControl & 1) != 0;

    /// <summary>Is an SPI routed to <paramref name="cpu"/> (IRM=1: to any CPU, taken by CPU 0 here)?</summary>
    bool RoutedTo(Interrupt spi, int cpu) => (spi.Router & (1UL << 31)) != 0 ? cpu == 0 : (int)(spi.Router & 0xFF) == cpu && (spi.Router & 0xFF_00FF_FF00) == 0;

    /// <summary>A PPI's input line (timers drive these).</summary>
    public void SetPpiLevel(int cpu, int intid, bool level) => Change(() =>
    {
        var irq = local[cpu][intid];
        if (irq.EdgeTriggered && level && !irq.Level)
            irq.Latched = true;
        irq.Level = level;
    });

    /// <summary>An SPI's input line (devices drive these).</summary>
    public void SetSpiLevel(int intid, bool level) => Change(() =>
    {
        var irq = spis[intid - 32];
        if (irq.EdgeTriggered && level && !irq.Level)
            irq.Latched = true;
        irq.Level = level;
    });

    public bool IrqPending(int cpu)
    {
        lock (gate)
            return irqOut[cpu];
    }

    public bool FiqPending(int cpu)
    {
        lock (gate)
            return fiqOut[cpu];
    }

    /// <summary>Runs a change under the lock, then recomputes the outputs and tells the CPUs whose outputs moved.</summary>
    internal void Change(Action change)
    {
        List<int>? changed = null;
        lock (gate)
        {
            change();
            for (int c = 0; c < CpuCount; c++)
            {
                var (irq, fiq) = Outputs(c);
                if (irq != irqOut[c] || fiq != fiqOut[c])
                {
                    (irqOut[c], fiqOut[c]) = (irq, fiq);
                    (changed ??= []).Add(c);
                }
            }
        }
        if (changed is not null)
            foreach (int c in changed)
                OutputsChanged?.Invoke(c);
    }

    internal T Locked<T>(Func<T> read)
    {
        lock (gate)
            return read();
    }

    /// <summary>The highest-priority pending, enabled, inactive interrupt of a group for a CPU (lowest INTID on ties).</summary>
    internal (int Intid, byte Priority) HighestPending(int cpu, bool group1)
    {
        int best = Spurious;
        byte bestPriority = 0xFF;
        if (group1 ? !Group1Enabled : !Group0Enabled)
            return (best, bestPriority);
        for (int i = 0; i < InterruptCount; i++)
        {
            if (i >= 32 && !RoutedTo(spis[i - 32], cpu))
                continue;
            var irq = Get(cpu, i);
            if (irq.Enabled && irq.Pending && !irq.Active && irq.Group1 == group1 && irq.Priority < bestPriority)
            {
                best = i;
                bestPriority = irq.Priority;
            }
        }
        return (best, bestPriority);
    }

    (bool Irq, bool Fiq) Outputs(int cpu)
    {
        var cif = CpuInterfaces[cpu];
        var (i1, p1) = HighestPending(cpu, group1: true);
        var (i0, p0) = HighestPending(cpu, group1: false);
        bool irq = i1 != Spurious && cif.Group1Enabled && cif.CanSignal(p1);
        bool fiq = i0 != Spurious && cif.Group0Enabled && cif.CanSignal(p0);
        return (irq, fiq);
    }

    /// <summary>Acknowledge: the interrupt becomes active (its edge latch clears); returns its priority.</summary>
    internal byte Acknowledge(int cpu, int intid)
    {
        var irq = Get(cpu, intid);
        irq.Latched = false;
        irq.Active = true;
        return irq.Priority;
    }

    internal void Deactivate(int cpu, int intid)
    {
        if (intid < InterruptCount)
            Get(cpu, intid).Active = false;
    }

    /// <summary>SGI generation (ICC_SGI1R_EL1 / ICC_SGI0R_EL1): pends SGI <paramref name="intid"/> on the targets.</summary>
    internal void SendSgi(int sender, int intid, ulong targetList, ulong affinity123, bool allOthers)
    {
        for (int c = 0; c < CpuCount; c++)
        {
            bool target = allOthers ? c != sender : affinity123 == 0 && c < 16 && (targetList & (1UL << c)) != 0;
            if (target)
                local[c][intid].Latched = true;
        }
    }
}
