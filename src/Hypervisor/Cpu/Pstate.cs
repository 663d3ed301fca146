namespace A64Jit.Hypervisor.Cpu;

/// <summary>PSTATE bits in SPSR layout (Arm ARM C5.2.18, el2.md 4.3), and the fields read from them.</summary>
public static class Pstate
{
    public const ulong SpSel = 1UL << 0;
    public const ulong ElMask = 3UL << 2;
    public const ulong NotAArch64 = 1UL << 4;
    public const ulong F = 1UL << 6, I = 1UL << 7, A = 1UL << 8, D = 1UL << 9;
    public const ulong Daif = D | A | I | F;
    public const ulong BType = 3UL << 10;
    public const ulong Ssbs = 1UL << 12;
    public const ulong Il = 1UL << 20;
    public const ulong Ss = 1UL << 21;
    public const ulong Pan = 1UL << 22;
    public const ulong Uao = 1UL << 23;
    public const ulong Dit = 1UL << 24;
    public const ulong Nzcv = 0xFUL << 28;

    public static int El(ulong pstate) => (int)((pstate >> 2) & 3);
    public static ulong WithEl(ulong pstate, int el) => (pstate & ~ElMask) | ((ulong)el << 2);

    /// <summary>The M[3:0] mode name (EL0t, EL1h, ...).</summary>
    public static string Mode(ulong pstate) => $"EL{El(pstate)}{((pstate & SpSel) != 0 ? 'h' : 't')}";
}
