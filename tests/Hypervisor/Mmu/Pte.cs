namespace A64Jit.Tests.Hypervisor.Mmu;

/// <summary>
/// Descriptor and register values written out from the Arm ARM's field positions (VMSAv8-64, 48-bit OA), for
/// building test tables by hand.
/// </summary>
static class Pte
{
    /// <summary>Table descriptor: bits[1:0]=11, next-level address, PXNTable[59], UXNTable/XNTable[60], APTable[62:61].</summary>
    public static ulong Table(ulong next, uint apTable = 0, bool pxnTable = false, bool uxnTable = false) =>
        next | 0b11 | ((ulong)apTable << 61) | (pxnTable ? 1UL << 59 : 0) | (uxnTable ? 1UL << 60 : 0);

    /// <summary>Level-3 page descriptor: bits[1:0]=11.</summary>
    public static ulong Page(
        ulong pa, uint ap = 0, uint sh = 0b11, uint attrIndx = 0, bool af = true, bool ng = false, bool pxn = false,
        bool uxn = false) =>
        pa | 0b11 | Stage1Leaf(ap, sh, attrIndx, af, ng, pxn, uxn);

    /// <summary>Level 0-2 block descriptor: bits[1:0]=01.</summary>
    public static ulong Block(
        ulong pa, uint ap = 0, uint sh = 0b11, uint attrIndx = 0, bool af = true, bool ng = false, bool pxn = false,
        bool uxn = false) =>
        pa | 0b01 | Stage1Leaf(ap, sh, attrIndx, af, ng, pxn, uxn);

    /// <summary>Stage-2 page: MemAttr[5:2], S2AP[7:6], SH[9:8], AF[10], XN[54].</summary>
    public static ulong S2Page(ulong pa, uint s2ap = 0b11, uint memAttr = 0b1111, uint sh = 0b11, bool af = true, bool xn = false) =>
        pa | 0b11 | Stage2Leaf(s2ap, memAttr, sh, af, xn);

    /// <summary>Stage-2 block.</summary>
    public static ulong S2Block(ulong pa, uint s2ap = 0b11, uint memAttr = 0b1111, uint sh = 0b11, bool af = true, bool xn = false) =>
        pa | 0b01 | Stage2Leaf(s2ap, memAttr, sh, af, xn);

    static ulong Stage1Leaf(uint ap, uint sh, uint attrIndx, bool af, bool ng, bool pxn, bool uxn) =>
        ((ulong)attrIndx << 2) | ((ulong)ap << 6) | ((ulong)sh << 8) | (af ? 1UL << 10 : 0) | (ng ? 1UL << 11 : 0)
        | (pxn ? 1UL << 53 : 0) | (uxn ? 1UL << 54 : 0);

    static ulong Stage2Leaf(uint s2ap, uint memAttr, uint sh, bool af, bool xn) =>
        ((ulong)memAttr << 2) | ((ulong)s2ap << 6) | ((ulong)sh << 8) | (af ? 1UL << 10 : 0) | (xn ? 1UL << 54 : 0);

    /// <summary>
    /// TCR_EL1 (also TCR_EL2 with E2H=1): T0SZ[5:0], EPD0[7], TG0[15:14], T1SZ[21:16], A1[22], EPD1[23], TG1[31:30],
    /// IPS[34:32], AS[36], TBI0[37], TBI1[38], HPD0[41], HPD1[42], TBID0[51], TBID1[52].
    /// </summary>
    public static ulong TcrEl1(
        uint t0sz = 16, uint tg0 = 0b00, uint t1sz = 16, uint tg1 = 0b10, uint ips = 0b101, bool epd0 = false,
        bool epd1 = false, bool a1 = false, bool as16 = false, bool tbi0 = false, bool tbi1 = false, bool hpd0 = false,
        bool hpd1 = false, bool tbid0 = false, bool tbid1 = false) =>
        t0sz | ((ulong)tg0 << 14) | ((ulong)t1sz << 16) | ((ulong)tg1 << 30) | ((ulong)ips << 32)
        | (epd0 ? 1UL << 7 : 0) | (epd1 ? 1UL << 23 : 0) | (a1 ? 1UL << 22 : 0) | (as16 ? 1UL << 36 : 0)
        | (tbi0 ? 1UL << 37 : 0) | (tbi1 ? 1UL << 38 : 0) | (hpd0 ? 1UL << 41 : 0) | (hpd1 ? 1UL << 42 : 0)
        | (tbid0 ? 1UL << 51 : 0) | (tbid1 ? 1UL << 52 : 0);

    /// <summary>TCR_EL2 with E2H=0: T0SZ[5:0], TG0[15:14], PS[18:16], TBI[20], HPD[24], TBID[29]; bits 23 and 31 RES1.</summary>
    public static ulong TcrEl2(uint t0sz = 16, uint tg0 = 0b00, uint ps = 0b101, bool tbi = false, bool hpd = false, bool tbid = false) =>
        t0sz | ((ulong)tg0 << 14) | ((ulong)ps << 16) | (tbi ? 1UL << 20 : 0) | (hpd ? 1UL << 24 : 0)
        | (tbid ? 1UL << 29 : 0) | (1UL << 23) | (1UL << 31);

    /// <summary>VTCR_EL2: T0SZ[5:0], SL0[7:6], TG0[15:14], PS[18:16], VS[19]; bit 31 RES1.</summary>
    public static ulong Vtcr(uint t0sz, uint sl0, uint tg0 = 0b00, uint ps = 0b101, bool vs = false) =>
        t0sz | ((ulong)sl0 << 6) | ((ulong)tg0 << 14) | ((ulong)ps << 16) | (vs ? 1UL << 19 : 0) | (1UL << 31);

    /// <summary>SCTLR: M[0], I[12], WXN[19].</summary>
    public static ulong Sctlr(bool m = true, bool i = true, bool wxn = false) =>
        (m ? 1UL : 0) | (i ? 1UL << 12 : 0) | (wxn ? 1UL << 19 : 0);
}
