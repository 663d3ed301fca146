namespace A64Jit.Hypervisor.Mmu;

/// <summary>
/// Memory attributes in the MAIR byte format (outer in [7:4], inner in [3:0]; outer 0000 means Device with the type
/// in [3:2]), the stage-2 MemAttr conversion, the stage-1 + stage-2 combination, and shareability as PAR_EL1 reports it.
/// </summary>
public static class MemoryAttributes
{
    /// <summary>Device-nGnRnE: data accesses with stage 1 disabled.</summary>
    public const byte DeviceNGnRnE = 0x00;

    /// <summary>Normal, Inner/Outer Write-Back Read/Write-Allocate: stage 1 disabled under HCR_EL2.DC.</summary>
    public const byte NormalWriteBack = 0xFF;

    /// <summary>Normal, Inner/Outer Write-Through Read-Allocate: instruction fetches with stage 1 off and SCTLR.I=1.</summary>
    public const byte NormalWriteThrough = 0xAA;

    /// <summary>Normal, Inner/Outer Non-cacheable: instruction fetches with stage 1 off and SCTLR.I=0.</summary>
    public const byte NormalNonCacheable = 0x44;

    /// <summary>SH encodings as PAR_EL1.SH and descriptors use them.</summary>
    public const byte NonShareable = 0b00, OuterShareable = 0b10, InnerShareable = 0b11;

    const int NonCacheable = 0, WriteThrough = 1, WriteBack = 2;

    /// <summary>Device memory has an outer attribute of 0000.</summary>
    public static bool IsDevice(byte attr) => (attr & 0xF0) == 0;

    /// <summary>The memory type a MAIR-format byte describes.</summary>
    public static MemoryType TypeOf(byte attr) => IsDevice(attr) ? MemoryType.Device : MemoryType.Normal;

    /// <summary>
    /// A stage-2 MemAttr[3:0] (descriptor bits [5:2], HCR_EL2.FWB=0) as a MAIR byte: 00dd is Device with type dd;
    /// otherwise [3:2] is the outer and [1:0] the inner cacheability (01 Non-cacheable, 10 Write-Through,
    /// 11 Write-Back; the reserved inner 00 is taken as Non-cacheable). Stage 2 carries no allocation hints.
    /// </summary>
    public static byte FromStage2MemAttr(uint memAttr)
    {
        memAttr &= 0xF;
        if ((memAttr >> 2) == 0)
            return (byte)(memAttr << 2);
        return (byte)((Stage2Nibble(memAttr >> 2) << 4) | Stage2Nibble(memAttr & 3));

        static int Stage2Nibble(uint cacheability) => cacheability switch
        {
            2 => 0b1000,
            3 => 0b1100,
            _ => 0b0100,
        };
    }

    /// <summary>
    /// Combines stage-1 and stage-2 attributes (Arm ARM S2CombineS1MemAttrs, HCR_EL2.FWB=0): if either is Device the
    /// result is Device of the more restrictive type; otherwise, for inner and outer separately, Non-cacheable if
    /// either is, else Write-Through if either is, else Write-Back, keeping stage 1's allocation and transient hints.
    /// </summary>
    public static byte Combine(byte stage1, byte stage2)
    {
        if (IsDevice(stage1) || IsDevice(stage2))
        {
            // Device bytes are below every Normal byte, and nGnRnE < nGnRE < nGRE < GRE.
            return Math.Min(stage1, stage2);
        }
        return (byte)((CombineNibble(stage1 >> 4, stage2 >> 4) << 4) | CombineNibble(stage1 & 0xF, stage2 & 0xF));
    }

    /// <summary>
    /// The shareability a stage reports: Device and Normal Inner+Outer Non-cacheable memory are always Outer
    /// Shareable; the reserved SH value 01 reads as Non-shareable.
    /// </summary>
    public static byte Shareability(byte attr, uint sh)
    {
        if (IsDevice(attr) || IsNonCacheable(attr))
            return OuterShareable;
        return sh == 1 ? NonShareable : (byte)(sh & 3);
    }

    /// <summary>The wider of two shareability domains (Arm ARM S2CombineS1Shareability), then the Device/NC rule.</summary>
    public static byte CombineShareability(byte combinedAttr, byte stage1, byte stage2)
    {
        if (IsDevice(combinedAttr) || IsNonCacheable(combinedAttr))
            return OuterShareable;
        if (stage1 == OuterShareable || stage2 == OuterShareable)
            return OuterShareable;
        if (stage1 == InnerShareable || stage2 == InnerShareable)
            return InnerShareable;
        return NonShareable;
    }

    static bool IsNonCacheable(byte attr) =>
        Cacheability(attr >> 4) == NonCacheable && Cacheability(attr & 0xF) == NonCacheable;

    /// <summary>
    /// The cacheability of one Normal-memory nibble: 0100 Non-cacheable; 00RW Write-Through transient; 01RW
    /// Write-Back transient; 10RW Write-Through; 11RW Write-Back. 0000 (UNPREDICTABLE for Normal) counts as
    /// Non-cacheable.
    /// </summary>
    static int Cacheability(int nibble) => nibble switch
    {
        0b0000 or 0b0100 => NonCacheable,
        < 0b0100 => WriteThrough,
        < 0b1000 => WriteBack,
        < 0b1100 => WriteThrough,
        _ => WriteBack,
    };

    static int CombineNibble(int stage1, int stage2)
    {
        int c1 = Cacheability(stage1), c2 = Cacheability(stage2);
        if (c1 == NonCacheable || c2 == NonCacheable)
            return 0b0100;
        bool transient = stage1 < 0b1000;
        int hints = stage1 & 3;
        if (c1 == WriteThrough || c2 == WriteThrough)
            return (transient ? 0b0000 : 0b1000) | hints;
        return (transient ? 0b0100 : 0b1100) | hints;
    }
}
