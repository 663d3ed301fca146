using System.Runtime.InteropServices;

namespace A64Jit.Tests.Support;

/// <summary>
/// A minimal binding of the Unicorn 2 engine (Debian libunicorn2) for AArch64: the external oracle
/// the differential fuzzer compares our lifter with. Unicorn runs at EL1; the MAX cpu model has v8.1+.
/// </summary>
public sealed unsafe partial class Unicorn : IDisposable
{
    const string Lib = "libunicorn.so.2";
    const int ArchArm64 = 2, ModeArm = 0;
    const uint CtlCpuModelWrite = 1140850695; // UC_CTL_WRITE(UC_CTL_CPU_MODEL, 1)
    const int CpuArm64Max = 3;

    // Register ids from unicorn/arm64.h (2.0.1).
    public const int RegX29 = 1, RegX30 = 2, RegNzcv = 3, RegSp = 4, RegQ0 = 104, RegX0 = 199, RegPc = 260, RegCpacrEl1 = 261,
        RegTpidrEl0 = 262, RegFpcr = 291, RegFpsr = 292;

    public const int ProtAll = 7;

    [LibraryImport(Lib, EntryPoint = "uc_open")] private static partial int Open(int arch, int mode, out nint uc);
    [LibraryImport(Lib, EntryPoint = "uc_close")] private static partial int Close(nint uc);
    [LibraryImport(Lib, EntryPoint = "uc_ctl")] private static partial int Ctl(nint uc, uint control, int value);
    [LibraryImport(Lib, EntryPoint = "uc_reg_write")] private static partial int RegWrite(nint uc, int reg, void* value);
    [LibraryImport(Lib, EntryPoint = "uc_reg_read")] private static partial int RegRead(nint uc, int reg, void* value);
    [LibraryImport(Lib, EntryPoint = "uc_mem_map")] private static partial int MemMap(nint uc, ulong address, nuint size, uint perms);
    [LibraryImport(Lib, EntryPoint = "uc_mem_write")] private static partial int MemWrite(nint uc, ulong address, void* bytes, nuint size);
    [LibraryImport(Lib, EntryPoint = "uc_mem_read")] private static partial int MemRead(nint uc, ulong address, void* bytes, nuint size);
    [LibraryImport(Lib, EntryPoint = "uc_emu_start")] private static partial int EmuStart(nint uc, ulong begin, ulong until, ulong timeout, nuint count);
    [LibraryImport(Lib, EntryPoint = "uc_strerror")] private static partial nint StrError(int err);

    readonly nint uc;

    public Unicorn()
    {
        Check(Open(ArchArm64, ModeArm, out uc), "uc_open");
        Check(Ctl(uc, CtlCpuModelWrite, CpuArm64Max), "uc_ctl(cpu model MAX)");
        // CPACR_EL1.FPEN = 0b11: FP/SIMD does not trap.
        WriteReg(RegCpacrEl1, 3UL << 20);
    }

    public static bool Available
    {
        get
        {
            try
            {
                return NativeLibrary.TryLoad(Lib, out _);
            }
            catch
            {
                return false;
            }
        }
    }

    public void Dispose() => Close(uc);

    static void Check(int err, string what)
    {
        if (err != 0)
            throw new InvalidOperationException($"{what}: {Marshal.PtrToStringAnsi(StrError(err))}");
    }

    public void WriteReg(int reg, ulong value) => Check(RegWrite(uc, reg, &value), "uc_reg_write");

    public ulong ReadReg(int reg)
    {
        ulong v;
        Check(RegRead(uc, reg, &v), "uc_reg_read");
        return v;
    }

    public void WriteQ(int index, UInt128 value) => Check(RegWrite(uc, RegQ0 + index, &value), "uc_reg_write(q)");

    public UInt128 ReadQ(int index)
    {
        UInt128 v;
        Check(RegRead(uc, RegQ0 + index, &v), "uc_reg_read(q)");
        return v;
    }

    public void WriteX(int index, ulong value) => WriteReg(index switch { 29 => RegX29, 30 => RegX30, _ => RegX0 + index }, value);
    public ulong ReadX(int index) => ReadReg(index switch { 29 => RegX29, 30 => RegX30, _ => RegX0 + index });

    public void Map(ulong address, ulong size, int prot = ProtAll) => Check(MemMap(uc, address, (nuint)size, (uint)prot), "uc_mem_map");

    public void Write(ulong address, ReadOnlySpan<byte> bytes)
    {
        fixed (byte* p = bytes)
            Check(MemWrite(uc, address, p, (nuint)bytes.Length), "uc_mem_write");
    }

    public void Read(ulong address, Span<byte> bytes)
    {
        fixed (byte* p = bytes)
            Check(MemRead(uc, address, p, (nuint)bytes.Length), "uc_mem_read");
    }

    /// <summary>Runs <paramref name="count"/> instructions from <paramref name="begin"/>; returns 0 or the uc_err code.</summary>
    public int Run(ulong begin, ulong until, int count) => EmuStart(uc, begin, until, 0, (nuint)count);

    public static string ErrorText(int err) => Marshal.PtrToStringAnsi(StrError(err)) ?? err.ToString();
}
