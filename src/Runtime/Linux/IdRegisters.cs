using A64Jit.IR;

namespace A64Jit.Runtime.Linux;

/// <summary>
/// The AArch64 ID registers as this CPU advertises them, and the AT_HWCAP/AT_HWCAP2 bits derived
/// from them. This is the single place that says which optional features are implemented: add a
/// feature here when its instructions are lifted, never before (software probes these to pick code paths).
/// </summary>
public sealed class IdRegisters
{
    /// <summary>MIDR_EL1: implementer 0 ("reserved for software use"), architecture 0xF, part 0.</summary>
    public ulong Midr { get; init; } = 0x000F_0000;

    /// <summary>ID_AA64PFR0_EL1: EL0 and EL1 AArch64 only; FP and AdvSIMD with half-precision arithmetic (1).</summary>
    public ulong IdAa64Pfr0 { get; init; } = Field(0, 1) | Field(4, 1) | Field(PfrFp, 1) | Field(PfrAdvSimd, 1);

    /// <summary>ID_AA64PFR1_EL1: no BTI, SSBS or MTE.</summary>
    public ulong IdAa64Pfr1 { get; init; }

    /// <summary>
    /// ID_AA64ISAR0_EL1: AES with PMULL (2), SHA1, SHA2 with SHA512 (2), CRC32, LSE atomics, RDM, SHA3,
    /// dot product, FHM, FlagM and FlagM2 (CFINV, RMIF, SETF, AXFLAG, XAFLAG). No SM3/SM4, no RNDR.
    /// </summary>
    public ulong IdAa64Isar0 { get; init; } = Field(IsarAes, 2) | Field(IsarSha1, 1) | Field(IsarSha2, 2) | Field(IsarCrc32, 1)
        | Field(IsarAtomic, 2) | Field(IsarRdm, 1) | Field(IsarSha3, 1) | Field(IsarDp, 1) | Field(IsarFhm, 1) | Field(IsarTs, 2);

    /// <summary>
    /// ID_AA64ISAR1_EL1: DC CVAP (DPB 1), FJCVTZS, FCMA, LDAPR and LDAPUR/STLUR (LRCPC 2), FRINT32/64 (FRINTTS), SB.
    /// No PAuth (APA, API, GPA, GPI all 0), no BF16 or I8MM.
    /// </summary>
    public ulong IdAa64Isar1 { get; init; } = Field(IsarDpb, 1) | Field(IsarJscvt, 1) | Field(IsarFcma, 1) | Field(IsarLrcpc, 2)
        | Field(IsarFrintts, 1) | Field(IsarSb, 1);

    public ulong IdAa64Isar2 { get; init; }
    public ulong IdAa64Mmfr0 { get; init; }
    public ulong IdAa64Mmfr1 { get; init; }
    public ulong IdAa64Mmfr2 { get; init; }

    public static IdRegisters Default { get; } = new();

    // Field positions (the low bit of each 4-bit field).
    public const int PfrFp = 16, PfrAdvSimd = 20, PfrDit = 48;
    public const int IsarAes = 4, IsarSha1 = 8, IsarSha2 = 12, IsarCrc32 = 16, IsarAtomic = 20, IsarRdm = 28,
        IsarSha3 = 32, IsarSm3 = 36, IsarSm4 = 40, IsarDp = 44, IsarFhm = 48, IsarTs = 52, IsarRndr = 60;
    public const int IsarDpb = 0, IsarJscvt = 12, IsarFcma = 16, IsarLrcpc = 20, IsarFrintts = 32, IsarSb = 36,
        IsarBf16 = 44, IsarI8mm = 52;

    public static ulong Field(int shift, ulong value) => value << shift;
    static uint Get(ulong reg, int shift) => (uint)(reg >> shift) & 0xF;

    /// <summary>
    /// An MRS of the ID space (op0=3, op1=0, CRn=0) at EL0, as Linux emulates it
    /// (arch/arm64/kernel/cpufeature.c, emulate_sys_reg): CRm 0 gives MIDR, MPIDR and REVIDR only;
    /// CRm 2..7 give the sanitised registers, the unassigned ones reading as zero; the rest is UNDEFINED (null).
    /// </summary>
    public ulong? Read(uint encoding)
    {
        var (_, _, _, crm, op2) = SysRegEncoding.Unpack(encoding);
        return (crm, op2) switch
        {
            (0, 0) => Midr,
            (0, 5) => 0x8000_0000, // MPIDR_EL1: SYS_MPIDR_SAFE_VAL, RES1 bit 31 and affinity 0
            (0, 6) => 0,           // REVIDR_EL1: IMPLEMENTATION DEFINED, emulated as 0
            (0, _) or (1, _) => null,
            (4, 0) => IdAa64Pfr0,
            (4, 1) => IdAa64Pfr1,
            (6, 0) => IdAa64Isar0,
            (6, 1) => IdAa64Isar1,
            (6, 2) => IdAa64Isar2,
            (7, 0) => IdAa64Mmfr0,
            (7, 1) => IdAa64Mmfr1,
            (7, 2) => IdAa64Mmfr2,
            _ => 0,
        };
    }

    /// <summary>AT_HWCAP, derived from the ID registers as Linux derives it (arm64_elf_hwcaps).</summary>
    public ulong Hwcap
    {
        get
        {
            ulong h = 0;
            void Set(int bit, bool on) { if (on) h |= 1UL << bit; }
            uint fp = Get(IdAa64Pfr0, PfrFp), simd = Get(IdAa64Pfr0, PfrAdvSimd);
            Set(0, fp != 0xF);                       // FP
            Set(1, simd != 0xF);                     // ASIMD
            Set(3, Get(IdAa64Isar0, IsarAes) >= 1);  // AES
            Set(4, Get(IdAa64Isar0, IsarAes) >= 2);  // PMULL
            Set(5, Get(IdAa64Isar0, IsarSha1) >= 1); // SHA1
            Set(6, Get(IdAa64Isar0, IsarSha2) >= 1); // SHA2
            Set(7, Get(IdAa64Isar0, IsarCrc32) >= 1); // CRC32
            Set(8, Get(IdAa64Isar0, IsarAtomic) >= 2); // ATOMICS
            Set(9, fp == 1);                         // FPHP
            Set(10, simd == 1);                      // ASIMDHP
            Set(11, true);                           // CPUID: MRS of the ID registers is emulated
            Set(12, Get(IdAa64Isar0, IsarRdm) >= 1); // ASIMDRDM
            Set(13, Get(IdAa64Isar1, IsarJscvt) >= 1); // JSCVT
            Set(14, Get(IdAa64Isar1, IsarFcma) >= 1); // FCMA
            Set(15, Get(IdAa64Isar1, IsarLrcpc) >= 1); // LRCPC
            Set(16, Get(IdAa64Isar1, IsarDpb) >= 1); // DCPOP
            Set(17, Get(IdAa64Isar0, IsarSha3) >= 1); // SHA3
            Set(18, Get(IdAa64Isar0, IsarSm3) >= 1); // SM3
            Set(19, Get(IdAa64Isar0, IsarSm4) >= 1); // SM4
            Set(20, Get(IdAa64Isar0, IsarDp) >= 1);  // ASIMDDP
            Set(21, Get(IdAa64Isar0, IsarSha2) >= 2); // SHA512
            Set(23, Get(IdAa64Isar0, IsarFhm) >= 1); // ASIMDFHM
            Set(24, Get(IdAa64Pfr0, PfrDit) >= 1);   // DIT
            Set(26, Get(IdAa64Isar1, IsarLrcpc) >= 2); // ILRCPC
            Set(27, Get(IdAa64Isar0, IsarTs) >= 1);  // FLAGM
            Set(29, Get(IdAa64Isar1, IsarSb) >= 1);  // SB
            return h;
        }
    }

    /// <summary>AT_HWCAP2, derived from the ID registers.</summary>
    public ulong Hwcap2
    {
        get
        {
            ulong h = 0;
            void Set(int bit, bool on) { if (on) h |= 1UL << bit; }
            Set(0, Get(IdAa64Isar1, IsarDpb) >= 2);     // DCPODP
            Set(7, Get(IdAa64Isar0, IsarTs) >= 2);      // FLAGM2
            Set(8, Get(IdAa64Isar1, IsarFrintts) >= 1); // FRINT
            Set(13, Get(IdAa64Isar1, IsarI8mm) >= 1);   // I8MM
            Set(14, Get(IdAa64Isar1, IsarBf16) >= 1);   // BF16
            Set(16, Get(IdAa64Isar0, IsarRndr) >= 1);   // RNG
            return h;
        }
    }
}
