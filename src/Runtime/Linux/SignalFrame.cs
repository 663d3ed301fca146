using System.Buffers.Binary;
using A64Jit.Runtime.Cpu;

namespace A64Jit.Runtime.Linux;

/// <summary>
/// The AArch64 signal frame, struct rt_sigframe of arch/arm64/kernel/signal.c: siginfo_t, then
/// ucontext (uc_flags, uc_link, uc_stack, uc_sigmask padded to 128 bytes, then the sigcontext:
/// fault_address, x0-x30, sp, pc, pstate and 4096 bytes of records: one fpsimd_context and a
/// terminating null record). The kernel puts a frame record (x29, x30) above it for unwinders.
/// </summary>
public static class SignalFrame
{
    // Offsets inside struct rt_sigframe (checked against the arm64 headers in the tests).
    public const int InfoOffset = 0, InfoSize = 128;
    public const int UcontextOffset = 128;
    public const int UcFlags = UcontextOffset + 0, UcLink = UcontextOffset + 8, UcStack = UcontextOffset + 16,
        UcSigmask = UcontextOffset + 40;
    public const int McontextOffset = UcontextOffset + 176;
    public const int FaultAddress = McontextOffset + 0, Regs = McontextOffset + 8, SpOffset = McontextOffset + 256,
        PcOffset = McontextOffset + 264, Pstate = McontextOffset + 272, Reserved = McontextOffset + 288;
    public const int ReservedSize = 4096;

    /// <summary>sizeof(struct rt_sigframe): 4688, a multiple of 16.</summary>
    public const int FrameSize = Reserved + ReservedSize;

    public const uint FpsimdMagic = 0x4650_8001, EsrMagic = 0x4553_5201, ExtraMagic = 0x4558_5401;
    /// <summary>sizeof(struct fpsimd_context): head (magic, size), fpsr, fpcr, vregs[32].</summary>
    public const int FpsimdSize = 528;

    /// <summary>sizeof(struct frame_record): the x29/x30 pair above the frame.</summary>
    public const int FrameRecordSize = 16;

    /// <summary>
    /// AT_MINSIGSTKSZ: what the kernel's minsigstksz_setup computes without SVE or SME: the frame,
    /// the frame record, and 16 bytes of SP alignment.
    /// </summary>
    public const ulong MinSigStackSize = FrameSize + FrameRecordSize + 16;

    /// <summary>MINSIGSTKSZ of arm64's uapi headers: sigaltstack refuses smaller stacks.</summary>
    public const ulong UapiMinSigStackSize = 5120;

    /// <summary>stack_t: ss_sp, ss_flags (int, padded), ss_size.</summary>
    public readonly record struct AltStack(ulong Sp, int Flags, ulong Size)
    {
        public const int SS_ONSTACK = 1, SS_DISABLE = 2, SS_AUTODISARM = unchecked((int)0x8000_0000);
        public static readonly AltStack Disabled = new(0, SS_DISABLE, 0);

        public bool Enabled => Size != 0 && (Flags & SS_DISABLE) == 0;

        /// <summary>on_sig_stack(): SP is inside the alternate stack (which grows down from Sp + Size).</summary>
        public bool Contains(ulong sp) => Enabled && sp > Sp && sp - Sp <= Size;

        public static AltStack Read(ReadOnlySpan<byte> b) =>
            new(BinaryPrimitives.ReadUInt64LittleEndian(b), BinaryPrimitives.ReadInt32LittleEndian(b[8..]), BinaryPrimitives.ReadUInt64LittleEndian(b[16..]));

        public void Write(Span<byte> b)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(b, Sp);
            BinaryPrimitives.WriteInt64LittleEndian(b[8..], Flags);
            BinaryPrimitives.WriteUInt64LittleEndian(b[16..], Size);
        }
    }

    /// <summary>Fills siginfo_t (128 bytes): si_signo, si_errno, si_code, then the union for the signal's kind.</summary>
    public static void WriteInfo(Span<byte> b, SignalInfo info)
    {
        b[..InfoSize].Clear();
        BinaryPrimitives.WriteInt32LittleEndian(b, info.Signo);
        BinaryPrimitives.WriteInt32LittleEndian(b[4..], info.Errno);
        BinaryPrimitives.WriteInt32LittleEndian(b[8..], info.Code);
        if (Signals.IsFault(info.Signo) && info.Code > 0)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(b[16..], info.Address); // si_addr
        }
        else
        {
            BinaryPrimitives.WriteInt32LittleEndian(b[16..], info.Pid);  // si_pid
            BinaryPrimitives.WriteUInt32LittleEndian(b[20..], info.Uid); // si_uid
            BinaryPrimitives.WriteUInt64LittleEndian(b[24..], info.Value); // si_value / si_status
        }
    }

    /// <summary>Builds the whole rt_sigframe image for the interrupted state <paramref name="s"/>.</summary>
    public static byte[] Build(CpuState s, SignalInfo info, ulong savedMask, AltStack savedStack, ulong faultAddress)
    {
        var f = new byte[FrameSize];
        var b = f.AsSpan();
        WriteInfo(b, info);
        // uc_flags and uc_link are zero.
        savedStack.Write(b[UcStack..]);
        BinaryPrimitives.WriteUInt64LittleEndian(b[UcSigmask..], savedMask);
        BinaryPrimitives.WriteUInt64LittleEndian(b[FaultAddress..], faultAddress);
        for (int i = 0; i < 31; i++)
            BinaryPrimitives.WriteUInt64LittleEndian(b[(Regs + 8 * i)..], s.X[i]);
        BinaryPrimitives.WriteUInt64LittleEndian(b[SpOffset..], s.Sp);
        BinaryPrimitives.WriteUInt64LittleEndian(b[PcOffset..], s.Pc);
        // PSTATE of EL0t: only NZCV is live in user mode (DAIF clear, M = 0).
        BinaryPrimitives.WriteUInt64LittleEndian(b[Pstate..], s.Nzcv & 0xF000_0000u);
        var fp = b[Reserved..];
        BinaryPrimitives.WriteUInt32LittleEndian(fp, FpsimdMagic);
        BinaryPrimitives.WriteUInt32LittleEndian(fp[4..], FpsimdSize);
        BinaryPrimitives.WriteUInt32LittleEndian(fp[8..], s.Fpsr);
        BinaryPrimitives.WriteUInt32LittleEndian(fp[12..], s.Fpcr);
        for (int i = 0; i < 32; i++)
            BinaryPrimitives.WriteUInt128LittleEndian(fp[(16 + 16 * i)..], s.V[i]);
        // The terminating null record (magic 0, size 0) follows: already zero.
        return f;
    }

    /// <summary>What rt_sigreturn takes back from a frame besides the registers (FPSR and FPCR go through MSR's masking).</summary>
    public sealed record Restored(ulong Mask, AltStack Stack, uint Fpsr, uint Fpcr);

    /// <summary>
    /// Restores the general and SIMD registers and NZCV from a frame image; null when the frame is malformed
    /// (the kernel's badframe: the caller raises SIGSEGV). The state is untouched in that case.
    /// </summary>
    public static Restored? Restore(ReadOnlySpan<byte> f, CpuState s)
    {
        if (f.Length < FrameSize)
            return null;
        // Walk the records first, so a bad frame changes nothing.
        int fpsimd = -1;
        for (int off = 0; off + 8 <= ReservedSize;)
        {
            var rec = f[(Reserved + off)..];
            uint magic = BinaryPrimitives.ReadUInt32LittleEndian(rec), size = BinaryPrimitives.ReadUInt32LittleEndian(rec[4..]);
            if (magic == 0)
            {
                if (size != 0)
                    return null;
                break;
            }
            if (size < 8 || (size & 15) != 0 || off + size > ReservedSize)
                return null;
            if (magic == FpsimdMagic)
            {
                if (size != FpsimdSize || fpsimd >= 0)
                    return null;
                fpsimd = off;
            }
            else if (magic == ExtraMagic)
            {
                return null; // a64jit never writes extra_context (no SVE/SME state to spill)
            }
            // Other records (esr_context, ...) carry nothing to restore.
            off += (int)size;
        }
        if (fpsimd < 0)
            return null;
        for (int i = 0; i < 31; i++)
            s.X[i] = BinaryPrimitives.ReadUInt64LittleEndian(f[(Regs + 8 * i)..]);
        s.Sp = BinaryPrimitives.ReadUInt64LittleEndian(f[SpOffset..]);
        s.Pc = BinaryPrimitives.ReadUInt64LittleEndian(f[PcOffset..]);
        s.Nzcv = (uint)BinaryPrimitives.ReadUInt64LittleEndian(f[Pstate..]) & 0xF000_0000u;
        var fp = f[(Reserved + fpsimd)..];
        for (int i = 0; i < 32; i++)
            s.V[i] = BinaryPrimitives.ReadUInt128LittleEndian(fp[(16 + 16 * i)..]);
        s.ExclusiveArmed = false;
        ulong mask = BinaryPrimitives.ReadUInt64LittleEndian(f[UcSigmask..]) & ~Signals.Unblockable;
        return new Restored(mask, AltStack.Read(f[UcStack..]),
            BinaryPrimitives.ReadUInt32LittleEndian(fp[8..]), BinaryPrimitives.ReadUInt32LittleEndian(fp[12..]));
    }
}
