namespace A64Jit.Runtime.Cpu;

/// <summary>The architectural state of one guest CPU (one guest thread in user mode).</summary>
public sealed class CpuState
{
    public readonly ulong[] X = new ulong[31];
    public ulong Sp;
    public ulong Pc;

    /// <summary>N, Z, C, V in bits 31..28, as the NZCV register reads.</summary>
    public uint Nzcv;

    public readonly UInt128[] V = new UInt128[32];
    public uint Fpcr;
    public uint Fpsr;
    public ulong TpidrEl0;
    public ulong TpidrroEl0;

    // The local exclusive monitor (LDXR/STXR).
    public bool ExclusiveArmed;
    public ulong ExclusiveAddress;
    public int ExclusiveSize;
    public UInt128 ExclusiveValue;

    /// <summary>Guest instructions retired so far.</summary>
    public long InstructionsRetired;

    public CpuState Clone()
    {
        var c = (CpuState)MemberwiseClone();
        // MemberwiseClone shares the register arrays; the copy needs its own (a cloned thread must not
        // write its parent's registers). The fields are readonly to everyone else.
        System.Runtime.CompilerServices.Unsafe.AsRef(in c.X) = (ulong[])X.Clone();
        System.Runtime.CompilerServices.Unsafe.AsRef(in c.V) = (UInt128[])V.Clone();
        return c;
    }

    /// <summary>A description of the registers that differ from another state, empty when equal.</summary>
    public IEnumerable<string> Differences(CpuState other)
    {
        for (int i = 0; i < 31; i++)
            if (X[i] != other.X[i])
                yield return $"x{i}: 0x{X[i]:x} vs 0x{other.X[i]:x}";
        if (Sp != other.Sp) yield return $"sp: 0x{Sp:x} vs 0x{other.Sp:x}";
        if (Pc != other.Pc) yield return $"pc: 0x{Pc:x} vs 0x{other.Pc:x}";
        if (Nzcv != other.Nzcv) yield return $"nzcv: 0x{Nzcv:x8} vs 0x{other.Nzcv:x8}";
        for (int i = 0; i < 32; i++)
            if (V[i] != other.V[i])
                yield return $"v{i}: 0x{V[i]:x32} vs 0x{other.V[i]:x32}";
        if (Fpcr != other.Fpcr) yield return $"fpcr: 0x{Fpcr:x} vs 0x{other.Fpcr:x}";
        if (Fpsr != other.Fpsr) yield return $"fpsr: 0x{Fpsr:x} vs 0x{other.Fpsr:x}";
        if (TpidrEl0 != other.TpidrEl0) yield return $"tpidr_el0: 0x{TpidrEl0:x} vs 0x{other.TpidrEl0:x}";
    }
}
