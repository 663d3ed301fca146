using A64Jit.Backend.X64;
using A64Jit.Hypervisor.Cpu;

namespace A64Jit.Runtime.Cpu;

/// <summary>
/// The architectural state of one guest CPU (one guest thread in user mode). The registers live in a
/// native <see cref="JitContext"/> so that compiled code and the interpreter work on the same copy;
/// this class is the managed view of it, plus the state only helpers touch (the exclusive monitor).
/// </summary>
public sealed unsafe class CpuState : IArchState
{
    readonly JitContext* native;

    public CpuState() => native = ContextLayout.Allocate();

    ~CpuState() => ContextLayout.Free(native);

    /// <summary>The native context compiled code runs on; valid as long as this object is alive.</summary>
    public JitContext* Native => native;

    public Span<ulong> X => new(native->X, 31);
    public Span<UInt128> V => new(native->V, 32);
    public ulong Sp { get => native->Sp; set => native->Sp = value; }
    public ulong Pc { get => native->Pc; set => native->Pc = value; }

    /// <summary>N, Z, C, V in bits 31..28, as the NZCV register reads.</summary>
    public uint Nzcv { get => native->Nzcv; set => native->Nzcv = value; }

    public uint Fpcr { get => native->Fpcr; set => native->Fpcr = value; }
    public uint Fpsr { get => native->Fpsr; set => native->Fpsr = value; }
    public ulong TpidrEl0 { get => native->TpidrEl0; set => native->TpidrEl0 = value; }
    public ulong TpidrroEl0 { get => native->TpidrroEl0; set => native->TpidrroEl0 = value; }

    /// <summary>Full-system mode: PSTATE other than NZCV (SPSR layout), and the system-register slots.</summary>
    public ulong Pstate { get => native->Pstate; set => native->Pstate = value; }
    public Span<ulong> SysRegs => new(native->SysRegs, JitContext.SystemRegisterSlots);

    public ulong GetX(int index) => X[index];
    public void SetX(int index, ulong value) => X[index] = value;
    public void ClearExclusive() => ExclusiveArmed = false;

    /// <summary>Guest instructions retired so far.</summary>
    public long InstructionsRetired { get => native->InstructionsRetired; set => native->InstructionsRetired = value; }

    // The local exclusive monitor (LDXR/STXR).
    public bool ExclusiveArmed;
    public ulong ExclusiveAddress;
    public int ExclusiveSize;
    public UInt128 ExclusiveValue;

    /// <summary>Asks compiled code running on this state to return to the runtime at the next block boundary.</summary>
    public void RequestInterrupt() => Volatile.Write(ref native->Interrupt, 1);

    /// <summary>A copy of the architectural state and monitor (not the runtime's attachment to an engine).</summary>
    public CpuState Clone()
    {
        var c = new CpuState();
        CopyTo(c);
        return c;
    }

    /// <summary>Copies registers, PC, flags, FP control, the instruction count and the exclusive monitor into another state.</summary>
    public void CopyTo(CpuState other)
    {
        X.CopyTo(other.X);
        V.CopyTo(other.V);
        other.Sp = Sp;
        other.Pc = Pc;
        other.Nzcv = Nzcv;
        other.Fpcr = Fpcr;
        other.Fpsr = Fpsr;
        other.TpidrEl0 = TpidrEl0;
        other.TpidrroEl0 = TpidrroEl0;
        other.InstructionsRetired = InstructionsRetired;
        other.Pstate = Pstate;
        SysRegs.CopyTo(other.SysRegs);
        other.ExclusiveArmed = ExclusiveArmed;
        other.ExclusiveAddress = ExclusiveAddress;
        other.ExclusiveSize = ExclusiveSize;
        other.ExclusiveValue = ExclusiveValue;
    }

    /// <summary>A description of the registers that differ from another state, empty when equal.</summary>
    public List<string> Differences(CpuState other)
    {
        var result = new List<string>();
        for (int i = 0; i < 31; i++)
            if (X[i] != other.X[i])
                result.Add($"x{i}: 0x{X[i]:x} vs 0x{other.X[i]:x}");
        if (Sp != other.Sp) result.Add($"sp: 0x{Sp:x} vs 0x{other.Sp:x}");
        if (Pc != other.Pc) result.Add($"pc: 0x{Pc:x} vs 0x{other.Pc:x}");
        if (Nzcv != other.Nzcv) result.Add($"nzcv: 0x{Nzcv:x8} vs 0x{other.Nzcv:x8}");
        for (int i = 0; i < 32; i++)
            if (V[i] != other.V[i])
                result.Add($"v{i}: 0x{V[i]:x32} vs 0x{other.V[i]:x32}");
        if (Fpcr != other.Fpcr) result.Add($"fpcr: 0x{Fpcr:x} vs 0x{other.Fpcr:x}");
        if (Fpsr != other.Fpsr) result.Add($"fpsr: 0x{Fpsr:x} vs 0x{other.Fpsr:x}");
        if (TpidrEl0 != other.TpidrEl0) result.Add($"tpidr_el0: 0x{TpidrEl0:x} vs 0x{other.TpidrEl0:x}");
        if (TpidrroEl0 != other.TpidrroEl0) result.Add($"tpidrro_el0: 0x{TpidrroEl0:x} vs 0x{other.TpidrroEl0:x}");
        if (Pstate != other.Pstate) result.Add($"pstate: 0x{Pstate:x} vs 0x{other.Pstate:x}");
        for (int i = 0; i < JitContext.SystemRegisterSlots; i++)
            if (SysRegs[i] != other.SysRegs[i])
                result.Add($"system register slot {i}: 0x{SysRegs[i]:x} vs 0x{other.SysRegs[i]:x}");
        return result;
    }
}
