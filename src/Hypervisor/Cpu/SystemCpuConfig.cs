namespace A64Jit.Hypervisor.Cpu;

/// <summary>What one CPU of the machine is: its identity, whether EL2 exists, and its ID register values.</summary>
public sealed class SystemCpuConfig
{
    /// <summary>EL2 is implemented (the machine was started with --el2): HVC goes to EL2, the EL2 registers exist.</summary>
    public bool HasEl2 { get; init; }
    public ulong Midr { get; init; } = 0x000F_0000;
    /// <summary>MPIDR_EL1: RES1 bit 31, U=0 (multiprocessor), affinity = CPU number.</summary>
    public ulong Mpidr { get; init; } = 0x8000_0000;
    /// <summary>The value of an ID register of group 3 (op0=3, op1=0, CRn=0, CRm=1..7), by encoding.</summary>
    public required Func<uint, ulong> IdRegister { get; init; }
    /// <summary>CLIDR_EL1: one unified level (L1 I and D separate, LoC = LoUU = LoUIS = 1).</summary>
    public ulong Clidr { get; init; } = 0x0A20_0023;

    /// <summary>CCSIDR_EL1 for a CSSELR_EL1 value: 64-byte lines, small 4-way caches.</summary>
    public ulong Ccsidr(ulong csselr) => (csselr & 0xF) switch
    {
        0 => 0x700F_E01A, // L1 D: 32 KiB, 4-way, 128 sets, 64-byte lines
        1 => 0x201F_E01A, // L1 I
        _ => 0,
    };
}

/// <summary>The AT instructions (el2.md 6.2).</summary>
public enum AtOperation : byte
{
    S1E1R, S1E1W, S1E0R, S1E0W, S1E1RP, S1E1WP, S1E2R, S1E2W, S12E1R, S12E1W, S12E0R, S12E0W,
}

/// <summary>What the system slow path needs from the machine around one CPU: its MMU and its interrupt lines.</summary>
public interface ISystemHooks
{
    /// <summary>A register that controls translation changed, or a TLBI ran: drop cached translations.</summary>
    void TranslationChanged();

    /// <summary>A TLBI by address: drop the cached translations of the page of <paramref name="va"/>.</summary>
    void TranslationChanged(ulong va);

    /// <summary>Runs an AT instruction and returns the PAR_EL1 value (may throw a stage-2 abort, el2.md case 33).</summary>
    ulong AddressTranslate(AtOperation op, ulong va);

    /// <summary>Checks a data address as a cache-maintenance instruction does (faults like a read).</summary>
    void CheckDataAddress(ulong va);

    /// <summary>Interrupt masking or routing changed: look at pending interrupts again.</summary>
    void InterruptsChanged();

    /// <summary>The EL or PSTATE.PAN changed: permissions cached for the old state no longer hold.</summary>
    void PrivilegeChanged();
}

/// <summary>A device model that owns some system registers (the generic timer, the GIC CPU interface).</summary>
public interface ISysRegDevice
{
    bool TryRead(uint encoding, out ulong value);
    bool TryWrite(uint encoding, ulong value);
}
