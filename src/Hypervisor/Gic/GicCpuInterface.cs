using A64Jit.Hypervisor.Cpu;
using A64Jit.IR;

namespace A64Jit.Hypervisor.Gic;

/// <summary>
/// One CPU's GICv3 CPU interface: the ICC_* system registers (el2.md 1.8). Acknowledge and end-of-interrupt
/// keep a stack of the active priorities (the running priority is its top); EOImode splits priority drop
/// from deactivation. System-register access always (SRE fixed at 1, as QEMU's GICv3).
/// </summary>
public sealed class GicCpuInterface(GicV3 gic, int cpu) : ISysRegDevice
{
    byte pmr, bpr0 = 2, bpr1 = 3;
    bool eoiMode, group0Enabled, group1Enabled;
    readonly List<(int Intid, byte Priority, bool Group1)> active = [];

    /// <summary>GICR_WAKER: ProcessorSleep (bit 1); ChildrenAsleep (bit 2) follows it at once.</summary>
    internal uint Waker
    {
        get => waker | ((waker & 2) << 1);
        set => waker = value & 2;
    }
    uint waker = 2;

    internal bool Group0Enabled => group0Enabled;
    internal bool Group1Enabled => group1Enabled;

    /// <summary>Is a pending interrupt of <paramref name="priority"/> above the mask and the running priority?</summary>
    internal bool CanSignal(byte priority) => priority < pmr && priority < RunningPriority;

    byte RunningPriority => active.Count == 0 ? (byte)0xFF : active.Min(a => a.Priority);

    static readonly uint Pmr = E(4, 6, 0), Iar0 = E(12, 8, 0), Eoir0 = E(12, 8, 1), Hppir0 = E(12, 8, 2), Bpr0 = E(12, 8, 3),
        Dir = E(12, 11, 1), Rpr = E(12, 11, 3), Sgi1r = E(12, 11, 5), Asgi1r = E(12, 11, 6), Sgi0r = E(12, 11, 7),
        Iar1 = E(12, 12, 0), Eoir1 = E(12, 12, 1), Hppir1 = E(12, 12, 2), Bpr1 = E(12, 12, 3), Ctlr = E(12, 12, 4),
        Sre = E(12, 12, 5), Igrpen0 = E(12, 12, 6), Igrpen1 = E(12, 12, 7), SreEl2 = SysRegEncoding.Pack(3, 4, 12, 9, 5);

    static uint E(uint crn, uint crm, uint op2) => SysRegEncoding.Pack(3, 0, crn, crm, op2);

    static bool IsActivePriorityRegister(uint e) => e >= E(12, 8, 4) && e <= E(12, 9, 3);

    public bool TryRead(uint encoding, out ulong value)
    {
        value = 0;
        if (encoding == Sre || encoding == SreEl2)
            value = encoding == SreEl2 ? 0xFUL : 0x7UL;     // SRE, DFB, DIB (and Enable at EL2)
        else if (encoding == Iar1 || encoding == Iar0)
            value = (ulong)Acknowledge(group1: encoding == Iar1);
        else if (encoding == Hppir1 || encoding == Hppir0)
            value = (ulong)gic.Locked(() => gic.HighestPending(cpu, group1: encoding == Hppir1).Intid);
        else if (encoding == Pmr) value = pmr;
        else if (encoding == Bpr0) value = bpr0;
        else if (encoding == Bpr1) value = bpr1;
        else if (encoding == Ctlr)
            value = (eoiMode ? 2UL : 0) | (4UL << 8) | (1UL << 15); // EOImode, PRIbits = 4 (five bits), A3V
        else if (encoding == Igrpen0) value = group0Enabled ? 1UL : 0;
        else if (encoding == Igrpen1) value = group1Enabled ? 1UL : 0;
        else if (encoding == Rpr) value = gic.Locked(() => RunningPriority);
        else if (IsActivePriorityRegister(encoding))
            value = encoding == E(12, 9, 0) || encoding == E(12, 8, 4) ? ActivePriorityBits(encoding == E(12, 9, 0)) : 0;
        else
            return false;
        return true;
    }

    public bool TryWrite(uint encoding, ulong value)
    {
        if (encoding == Pmr) gic.Change(() => pmr = (byte)(value & GicV3.PriorityMask));
        else if (encoding == Bpr0) bpr0 = (byte)(value & 7);
        else if (encoding == Bpr1) bpr1 = (byte)Math.Max(value & 7, 1);
        else if (encoding == Ctlr) eoiMode = (value & 2) != 0;
        else if (encoding == Igrpen0) gic.Change(() => group0Enabled = (value & 1) != 0);
        else if (encoding == Igrpen1) gic.Change(() => group1Enabled = (value & 1) != 0);
        else if (encoding == Eoir1 || encoding == Eoir0) EndOfInterrupt((int)(value & 0xFF_FFFF));
        else if (encoding == Dir) gic.Change(() => gic.Deactivate(cpu, (int)(value & 0xFF_FFFF)));
        else if (encoding == Sgi1r || encoding == Asgi1r || encoding == Sgi0r)
            gic.Change(() => gic.SendSgi(cpu, (int)((value >> 24) & 15), value & 0xFFFF,
                ((value >> 16) & 0xFF) | ((value >> 24) & 0xFF00) | ((value >> 32) & 0xFF_0000), (value & (1UL << 40)) != 0));
        else if (encoding == Sre || encoding == SreEl2 || IsActivePriorityRegister(encoding)) { }
        else
            return false;
        return true;
    }

    int Acknowledge(bool group1)
    {
        int intid = GicV3.Spurious;
        gic.Change(() =>
        {
            var (pending, priority) = gic.HighestPending(cpu, group1);
            if (pending == GicV3.Spurious || !(group1 ? group1Enabled : group0Enabled) || !CanSignal(priority))
                return;
            gic.Acknowledge(cpu, pending);
            active.Add((pending, priority, group1));
            intid = pending;
        });
        return intid;
    }

    /// <summary>EOI: drops the running priority (the most recent acknowledge of that INTID) and, with EOImode 0, deactivates.</summary>
    void EndOfInterrupt(int intid) => gic.Change(() =>
    {
        int at = active.FindLastIndex(a => a.Intid == intid);
        if (at < 0)
            return;
        active.RemoveAt(at);
        if (!eoiMode)
            gic.Deactivate(cpu, intid);
    });

    ulong ActivePriorityBits(bool group1) => gic.Locked(() =>
    {
        ulong bits = 0;
        foreach (var a in active.Where(a => a.Group1 == group1))
            bits |= 1UL << (a.Priority >> 3);
        return bits;
    });
}
