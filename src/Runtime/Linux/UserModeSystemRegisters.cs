using A64Jit.IR;
using A64Jit.Runtime.Cpu;

namespace A64Jit.Runtime.Linux;

/// <summary>
/// The system registers a Linux process can reach at EL0: its own thread registers, FPCR/FPSR,
/// the cache and zero-block geometry, the virtual counter, and the ID registers Linux emulates
/// for EL0 (reads of the sanitised values, as arch/arm64/kernel/cpufeature.c presents them).
/// Anything else is UNDEFINED, as under Linux (SIGILL).
/// </summary>
public sealed class UserModeSystemRegisters : ISystemRegisters
{
    public static readonly uint Nzcv = SysRegEncoding.Pack(3, 3, 4, 2, 0);
    public static readonly uint Fpcr = SysRegEncoding.Pack(3, 3, 4, 4, 0);
    public static readonly uint Fpsr = SysRegEncoding.Pack(3, 3, 4, 4, 1);
    public static readonly uint TpidrEl0 = SysRegEncoding.Pack(3, 3, 13, 0, 2);
    public static readonly uint TpidrroEl0 = SysRegEncoding.Pack(3, 3, 13, 0, 3);
    public static readonly uint CtrEl0 = SysRegEncoding.Pack(3, 3, 0, 0, 1);
    public static readonly uint DczidEl0 = SysRegEncoding.Pack(3, 3, 0, 0, 7);
    public static readonly uint CntfrqEl0 = SysRegEncoding.Pack(3, 3, 14, 0, 0);
    public static readonly uint CntvctEl0 = SysRegEncoding.Pack(3, 3, 14, 0, 2);
    public static readonly uint CntpctEl0 = SysRegEncoding.Pack(3, 3, 14, 0, 1);
    public static readonly uint MidrEl1 = SysRegEncoding.Pack(3, 0, 0, 0, 0);
    public static readonly uint MpidrEl1 = SysRegEncoding.Pack(3, 0, 0, 0, 5);
    public static readonly uint RevidrEl1 = SysRegEncoding.Pack(3, 0, 0, 0, 6);

    /// <summary>Generic timer frequency: 62.5 MHz, as QEMU's virt board and recent Arm cores use.</summary>
    public const ulong CounterFrequency = 62_500_000;

    /// <summary>CTR_EL0: 64-byte lines (DminLine = IminLine = 4 words^2), PIPT I-cache, IDC and DIC clear.</summary>
    public const ulong CacheType = 0x8444_C004;

    /// <summary>DCZID_EL0: DC ZVA permitted, block size 2^4 words = 64 bytes.</summary>
    public const ulong ZeroBlockId = 4;

    /// <summary>Values for the ID register space (op0=3, op1=0, CRn=0, CRm=0..7) that Linux lets EL0 read.</summary>
    public IdRegisters Ids { get; init; } = IdRegisters.Default;

    public ulong Read(CpuState state, uint encoding)
    {
        if (encoding == Nzcv) return state.Nzcv;
        if (encoding == Fpcr) return state.Fpcr;
        if (encoding == Fpsr) return state.Fpsr;
        if (encoding == TpidrEl0) return state.TpidrEl0;
        if (encoding == TpidrroEl0) return state.TpidrroEl0;
        if (encoding == CtrEl0) return CacheType;
        if (encoding == DczidEl0) return ZeroBlockId;
        if (encoding == CntfrqEl0) return CounterFrequency;
        if (encoding == CntvctEl0 || encoding == CntpctEl0) return Counter();
        var (op0, op1, crn, _, _) = SysRegEncoding.Unpack(encoding);
        if (op0 == 3 && op1 == 0 && crn == 0 && Ids.Read(encoding) is ulong id)
            return id;
        // Everything else, including the PSTATE fields of features we do not implement (DIT, SSBS,
        // TCO) and the EL1 ones (DAIF at EL0 with SCTLR_EL1.UMA clear, as Linux leaves it), is UNDEFINED.
        throw Undefined(encoding, "read");
    }

    public void Write(CpuState state, uint encoding, ulong value)
    {
        if (encoding == Nzcv) state.Nzcv = (uint)value & 0xF000_0000;
        // FPCR: AHP, DN, FZ, RMode, FZ16 and the trap enables read as zero on cores without trapping.
        else if (encoding == Fpcr) state.Fpcr = (uint)value & 0x07F8_0000;
        else if (encoding == Fpsr) state.Fpsr = (uint)value & 0xF800_009F;
        else if (encoding == TpidrEl0) state.TpidrEl0 = value;
        // TPIDRRO_EL0 is read-only at EL0; MSR (immediate) of PAN, UAO, SPSel and DAIF is EL1 only,
        // and SYS operations other than DC ZVA and the EL0 cache maintenance (lifted to their own
        // opcodes) are UNDEFINED at EL0.
        else throw Undefined(encoding, "write");
    }

    /// <summary>CNTVCT_EL0: host monotonic time scaled to the counter frequency.</summary>
    public static ulong Counter() =>
        (ulong)(System.Diagnostics.Stopwatch.GetTimestamp() * (double)CounterFrequency / System.Diagnostics.Stopwatch.Frequency);

    static GuestFault Undefined(uint encoding, string what) =>
        new(GuestFaultKind.Undefined, 0, false, $"{what} of {SysRegEncoding.Format(encoding)} is not permitted at EL0");
}
