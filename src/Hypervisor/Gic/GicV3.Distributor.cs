namespace A64Jit.Hypervisor.Gic;

// The distributor frame (GICD_*, 64 KiB) and the redistributor frames (GICR_*, RD_base and SGI_base, 128 KiB per CPU).
public sealed partial class GicV3
{
    public ulong ReadDistributor(ulong offset, int size) => Locked<ulong>(() => offset switch
    {
        0x0000 => distributorControl | (1u << 4) | (1u << 6),          // CTLR: ARE and DS read as one
        0x0004 => (ulong)((InterruptCount / 32 - 1) | ((CpuCount - 1) << 5) | (9 << 19)), // TYPER: ITLinesNumber, CPUNumber, IDbits = 10 bits
        0x0008 => 0x0300_043B,                                         // IIDR
        >= 0x0080 and < 0x0100 => Bits(offset - 0x0080, i => i.Group1),
        >= 0x0100 and < 0x0180 => Bits(offset - 0x0100, i => i.Enabled),
        >= 0x0180 and < 0x0200 => Bits(offset - 0x0180, i => i.Enabled),
        >= 0x0200 and < 0x0280 => Bits(offset - 0x0200, i => i.Pending),
        >= 0x0280 and < 0x0300 => Bits(offset - 0x0280, i => i.Pending),
        >= 0x0300 and < 0x0380 => Bits(offset - 0x0300, i => i.Active),
        >= 0x0380 and < 0x0400 => Bits(offset - 0x0380, i => i.Active),
        >= 0x0400 and < 0x0800 => Priorities(offset - 0x0400, size),
        >= 0x0C00 and < 0x0D00 => Config(offset - 0x0C00),
        >= 0x6100 and < 0x7FE0 => SpiFor(offset) is { } spi ? spi.Router : 0,
        0xFFE8 => 0x3B,                                                // PIDR2: GICv3
        _ => 0,
    });

    public void WriteDistributor(ulong offset, int size, ulong value) => Change(() =>
    {
        uint v = (uint)value;
        switch (offset)
        {
            case 0x0000: distributorControl = v & 3; break;
            case >= 0x0080 and < 0x0100: SetBits(offset - 0x0080, v, (i, on) => i.Group1 = on, onlyOnes: false); break;
            case >= 0x0100 and < 0x0180: SetBits(offset - 0x0100, v, (i, _) => i.Enabled = true); break;
            case >= 0x0180 and < 0x0200: SetBits(offset - 0x0180, v, (i, _) => i.Enabled = false); break;
            case >= 0x0200 and < 0x0280: SetBits(offset - 0x0200, v, (i, _) => i.Latched = true); break;
            case >= 0x0280 and < 0x0300: SetBits(offset - 0x0280, v, (i, _) => i.Latched = false); break;
            case >= 0x0300 and < 0x0380: SetBits(offset - 0x0300, v, (i, _) => i.Active = true); break;
            case >= 0x0380 and < 0x0400: SetBits(offset - 0x0380, v, (i, _) => i.Active = false); break;
            case >= 0x0400 and < 0x0800: SetPriorities(offset - 0x0400, size, value); break;
            case >= 0x0C00 and < 0x0D00: SetConfig(offset - 0x0C00, v); break;
            case >= 0x6100 and < 0x7FE0:
                if (SpiFor(offset) is { } spi)
                    spi.Router = value & 0xFF_80FF_FFFFUL;
                break;
        }
    });

    /// <summary>The SPI an IROUTER offset names (0x6000 + 8 * INTID).</summary>
    Interrupt? SpiFor(ulong offset)
    {
        int intid = (int)((offset - 0x6000) / 8);
        return intid is >= 32 and < InterruptCount ? spis[intid - 32] : null;
    }

    // In the distributor, INTIDs 0..31 are the redistributors' (affinity routing): they read as zero there.
    ulong Bits(ulong byteOffset, Func<Interrupt, bool> bit)
    {
        int first = (int)byteOffset * 8;
        ulong result = 0;
        for (int b = 0; b < 32; b++)
            if (first + b is >= 32 and < InterruptCount && bit(spis[first + b - 32]))
                result |= 1UL << b;
        return result;
    }

    void SetBits(ulong byteOffset, uint value, Action<Interrupt, bool> set, bool onlyOnes = true)
    {
        int first = (int)byteOffset * 8;
        for (int b = 0; b < 32; b++)
            if (first + b is >= 32 and < InterruptCount && (!onlyOnes || (value & (1u << b)) != 0))
                set(spis[first + b - 32], (value & (1u << b)) != 0);
    }

    ulong Priorities(ulong first, int size)
    {
        ulong result = 0;
        for (int b = 0; b < size; b++)
            if ((int)first + b is >= 32 and < InterruptCount)
                result |= (ulong)spis[(int)first + b - 32].Priority << (8 * b);
        return result;
    }

    void SetPriorities(ulong first, int size, ulong value)
    {
        for (int b = 0; b < size; b++)
            if ((int)first + b is >= 32 and < InterruptCount)
                spis[(int)first + b - 32].Priority = (byte)((value >> (8 * b)) & PriorityMask);
    }

    ulong Config(ulong byteOffset)
    {
        int first = (int)byteOffset * 4;
        ulong result = 0;
        for (int k = 0; k < 16; k++)
            if (first + k is >= 32 and < InterruptCount && spis[first + k - 32].EdgeTriggered)
                result |= 2UL << (2 * k);
        return result;
    }

    void SetConfig(ulong byteOffset, uint value)
    {
        int first = (int)byteOffset * 4;
        for (int k = 0; k < 16; k++)
            if (first + k is >= 32 and < InterruptCount)
                spis[first + k - 32].EdgeTriggered = (value & (2u << (2 * k))) != 0;
    }

    /// <summary>The redistributors' frames: CPU n at 0x20000 * n; RD_base, then SGI_base at +0x10000.</summary>
    public ulong ReadRedistributor(ulong offset, int size)
    {
        int cpu = (int)(offset / 0x2_0000);
        ulong r = offset % 0x2_0000;
        if (cpu >= CpuCount)
            return 0;
        return Locked<ulong>(() => r switch
        {
            0x0000 => 0,                                                       // GICR_CTLR
            0x0004 => 0x0300_043B,                                             // GICR_IIDR
            0x0008 => ((ulong)cpu << 32) | ((ulong)cpu << 8) | (cpu == CpuCount - 1 ? 1UL << 4 : 0), // GICR_TYPER (low word)
            0x000C => (ulong)cpu,                                              // GICR_TYPER (high word: Aff0)
            0x0014 => CpuInterfaces[cpu].Waker,                                 // GICR_WAKER
            0xFFE8 => 0x3B,
            0x1_0080 => LocalBits(cpu, i => i.Group1),
            0x1_0100 or 0x1_0180 => LocalBits(cpu, i => i.Enabled),
            0x1_0200 or 0x1_0280 => LocalBits(cpu, i => i.Pending),
            0x1_0300 or 0x1_0380 => LocalBits(cpu, i => i.Active),
            >= 0x1_0400 and < 0x1_0420 => LocalPriorities(cpu, (int)(r - 0x1_0400), size),
            0x1_0C00 => 0xAAAA_AAAA,                                           // ICFGR0: SGIs are edge-triggered
            0x1_0C04 => LocalConfig(cpu),
            _ => 0,
        });
    }

    public void WriteRedistributor(ulong offset, int size, ulong value)
    {
        int cpu = (int)(offset / 0x2_0000);
        ulong r = offset % 0x2_0000;
        uint v = (uint)value;
        if (cpu >= CpuCount)
            return;
        Change(() =>
        {
            var irqs = local[cpu];
            switch (r)
            {
                case 0x0014: CpuInterfaces[cpu].Waker = v & 2; break;
                case 0x1_0080: ForEach(irqs, 0xFFFF_FFFF, (i, b) => i.Group1 = (v & (1u << b)) != 0); break;
                case 0x1_0100: ForEach(irqs, v, (i, _) => i.Enabled = true); break;
                case 0x1_0180: ForEach(irqs, v, (i, _) => i.Enabled = false); break;
                case 0x1_0200: ForEach(irqs, v, (i, _) => i.Latched = true); break;
                case 0x1_0280: ForEach(irqs, v, (i, _) => i.Latched = false); break;
                case 0x1_0300: ForEach(irqs, v, (i, _) => i.Active = true); break;
                case 0x1_0380: ForEach(irqs, v, (i, _) => i.Active = false); break;
                case >= 0x1_0400 and < 0x1_0420:
                    for (int b = 0; b < size; b++)
                        irqs[(int)(r - 0x1_0400) + b].Priority = (byte)((value >> (8 * b)) & PriorityMask);
                    break;
                case 0x1_0C04:
                    for (int k = 0; k < 16; k++)
                        irqs[16 + k].EdgeTriggered = (v & (2u << (2 * k))) != 0;
                    break;
            }
        });
    }

    static void ForEach(Interrupt[] irqs, uint mask, Action<Interrupt, int> act)
    {
        for (int b = 0; b < 32; b++)
            if ((mask & (1u << b)) != 0)
                act(irqs[b], b);
    }

    ulong LocalBits(int cpu, Func<Interrupt, bool> bit)
    {
        ulong result = 0;
        for (int b = 0; b < 32; b++)
            if (bit(local[cpu][b]))
                result |= 1UL << b;
        return result;
    }

    ulong LocalPriorities(int cpu, int first, int size)
    {
        ulong result = 0;
        for (int b = 0; b < size && first + b < 32; b++)
            result |= (ulong)local[cpu][first + b].Priority << (8 * b);
        return result;
    }

    ulong LocalConfig(int cpu)
    {
        ulong result = 0;
        for (int k = 0; k < 16; k++)
            if (local[cpu][16 + k].EdgeTriggered)
                result |= 2UL << (2 * k);
        return result;
    }
}
