namespace A64Jit.Hypervisor.Cpu;

/// <summary>
/// The architectural state of one CPU as the system slow path sees it. The Runtime's CpuState implements
/// it over the native context compiled code uses, so the slow path and compiled code share one copy.
/// </summary>
public interface IArchState
{
    ulong Pc { get; set; }
    /// <summary>The stack pointer of the current EL and SPSel (the banked ones are in system-register slots).</summary>
    ulong Sp { get; set; }
    /// <summary>N, Z, C, V in bits 31..28.</summary>
    uint Nzcv { get; set; }
    /// <summary>PSTATE without NZCV, in SPSR layout (see <see cref="Pstate"/>).</summary>
    ulong Pstate { get; set; }
    uint Fpcr { get; set; }
    uint Fpsr { get; set; }
    ulong TpidrEl0 { get; set; }
    ulong TpidrroEl0 { get; set; }
    ulong GetX(int index);
    void SetX(int index, ulong value);
    /// <summary>Storage of the system registers, indexed by <see cref="SysRegs.SysRegDef.Slot"/>.</summary>
    Span<ulong> SysRegs { get; }
    /// <summary>Clears the local exclusive monitor (exception entry and return do).</summary>
    void ClearExclusive();
}
