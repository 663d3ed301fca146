using System.Runtime.InteropServices;

namespace A64Jit.Backend.X64;

/// <summary>
/// The guest state compiled code works on, reached through the pinned context register (r15).
/// A plain unmanaged struct so its offsets are fixed; <see cref="GuestStateLayout"/> names them.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct JitContext
{
    public fixed ulong X[31];
    public ulong Sp;
    public ulong Pc;
    /// <summary>NZCV in Arm layout: N bit 31, Z bit 30, C bit 29, V bit 28.</summary>
    public uint Nzcv;
    uint padding;
}

/// <summary>Byte offsets of the guest state inside <see cref="JitContext"/>.</summary>
public static class GuestStateLayout
{
    public const int XRegisters = 0;
    public const int Sp = 31 * 8;
    public const int Pc = Sp + 8;
    public const int Nzcv = Pc + 8;
    public const int Size = Nzcv + 8;

    public static int X(int index) => XRegisters + index * 8;
}
