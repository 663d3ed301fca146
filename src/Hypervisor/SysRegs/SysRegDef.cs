namespace A64Jit.Hypervisor.SysRegs;

/// <summary>
/// One system register or system instruction (architecture decision 3): its encoding and name, where
/// its value lives, its reset value, who may access it, which trap controls apply, where E2H sends it,
/// and what a write does beyond storing. <see cref="SysRegTable"/> holds them all.
/// </summary>
public sealed class SysRegDef
{
    public required string Name { get; init; }
    /// <summary>op0:op1:CRn:CRm:op2 packed as <see cref="IR.SysRegEncoding.Pack"/>.</summary>
    public required uint Encoding { get; init; }
    /// <summary>Index of its storage in the CPU's system-register slots; -1 when it has none (special, device, instruction).</summary>
    public int Slot { get; internal set; } = -1;
    public ulong Reset { get; init; }
    /// <summary>The lowest EL that may access it at all (before traps); 3 means UNDEFINED everywhere here.</summary>
    public int MinEl { get; init; } = 1;
    public bool ReadOnly { get; init; }
    public bool WriteOnly { get; init; }
    /// <summary>An EL2 register (op1=4) or alias (op1=5): UNDEFINED when the machine has no EL2.</summary>
    public bool NeedsEl2 { get; init; }
    /// <summary>A _EL12/_EL02 alias: valid only at EL2 with HCR_EL2.E2H=1, and reaches <see cref="AliasOf"/>.</summary>
    public string? AliasOf { get; init; }
    /// <summary>At EL2 with E2H=1 (and, for timers, at EL0 under E2H=1, TGE=1) this name reaches that register.</summary>
    public string? VheTarget { get; init; }
    /// <summary>Trap controls that apply to accesses from EL0/EL1.</summary>
    public SysRegTraps Traps { get; init; }
    /// <summary>What must hold for an access from EL0 (beyond <see cref="MinEl"/> = 0).</summary>
    public El0Gate El0Gate { get; init; }
    public SysRegEffects Effects { get; init; }
    /// <summary>Bits a write may change (the others keep their value); all by default.</summary>
    public ulong WriteMask { get; init; } = ulong.MaxValue;
    /// <summary>Owned by a device model (GIC CPU interface, generic timer): reads and writes go there.</summary>
    public bool Device { get; init; }
    /// <summary>A read-only register whose value never changes (CTR_EL0, DCZID_EL0): compiled code may use the constant.</summary>
    public ulong? Constant { get; init; }
    /// <summary>
    /// Controls that change the value a read returns rather than whether it traps (DCZID_EL0.DZP reports whether
    /// DC ZVA would trap): where one can apply, the value is not <see cref="Constant"/> for the compiler.
    /// </summary>
    public SysRegTraps ValueTraps { get; init; }
    /// <summary>FPCR, FPSR: an FP/SIMD access, trapped by CPACR_EL1.FPEN and CPTR_EL2 like an FP instruction (EC 0x07).</summary>
    public bool FpAccess { get; internal set; }
    public El0Gate ValueGate { get; init; }
    /// <summary>Behaviour other than plain storage; null for a storage register.</summary>
    public Func<Cpu.SystemCpu, ulong>? Read { get; init; }
    public Action<Cpu.SystemCpu, ulong>? Write { get; init; }

    public override string ToString() => Name;
}

/// <summary>The trap controls of EL2 (HCR_EL2 and friends) that can apply to a register accessed from EL0/EL1.</summary>
[Flags]
public enum SysRegTraps : uint
{
    None = 0,
    /// <summary>HCR_EL2.TVM traps writes, TRVM reads (the virtual-memory controls).</summary>
    VirtualMemory = 1 << 0,
    /// <summary>HCR_EL2.TID1: REVIDR, AIDR.</summary>
    Id1 = 1 << 1,
    /// <summary>HCR_EL2.TID2: CTR_EL0, CCSIDR, CLIDR, CSSELR.</summary>
    Id2 = 1 << 2,
    /// <summary>HCR_EL2.TID3: the ID register group 3 (CRn=0, CRm=1..7).</summary>
    Id3 = 1 << 3,
    /// <summary>HCR_EL2.TACR: ACTLR_EL1.</summary>
    AuxControl = 1 << 4,
    /// <summary>HCR_EL2.TSW: DC ISW/CSW/CISW.</summary>
    SetWay = 1 << 5,
    /// <summary>HCR_EL2.TTLB: TLBI at EL1.</summary>
    Tlb = 1 << 6,
    /// <summary>HCR_EL2.IMO/FMO: the GIC SGI-generation registers.</summary>
    InterruptRouting = 1 << 7,
    /// <summary>HCR_EL2.AT: AT S1E* at EL1.</summary>
    AddressTranslation = 1 << 8,
    /// <summary>CNTHCTL_EL2 EL1PCTEN (E2H=0: bit 0; E2H=1: bit 10): CNTPCT from EL1/EL0.</summary>
    PhysicalCounter = 1 << 9,
    /// <summary>CNTHCTL_EL2 EL1PCEN (E2H=0: bit 1; E2H=1: bit 11): the EL1 physical timer from EL1/EL0.</summary>
    PhysicalTimer = 1 << 10,
    /// <summary>HCR_EL2.TDZ: DC ZVA from EL0/EL1.</summary>
    ZeroBlock = 1 << 11,
    /// <summary>HCR_EL2.TPU: cache maintenance to the point of unification (IC IVAU, IC IALLU(IS), DC CVAU).</summary>
    PointOfUnification = 1 << 12,
    /// <summary>HCR_EL2.TPCP: data-cache maintenance to the point of coherency or persistence (DC IVAC, CVAC, CVAP, CIVAC).</summary>
    PointOfCoherency = 1 << 13,
}

/// <summary>The EL1 control that must allow an EL0 access (else it is UNDEFINED, taken to EL1 or to EL2 under TGE).</summary>
public enum El0Gate : byte
{
    None,
    /// <summary>SCTLR_EL1.UMA (bit 9): DAIF.</summary>
    Uma,
    /// <summary>SCTLR_EL1.UCT (bit 15): CTR_EL0.</summary>
    Uct,
    /// <summary>CNTKCTL_EL1.EL0PCTEN (bit 0): CNTPCT_EL0.</summary>
    PhysicalCount,
    /// <summary>CNTKCTL_EL1.EL0VCTEN (bit 1): CNTVCT_EL0 (and CNTFRQ with either count bit).</summary>
    VirtualCount,
    /// <summary>CNTKCTL_EL1.EL0PCTEN or EL0VCTEN: CNTFRQ_EL0.</summary>
    AnyCount,
    /// <summary>CNTKCTL_EL1.EL0PTEN (bit 9): the physical timer.</summary>
    PhysicalTimer,
    /// <summary>CNTKCTL_EL1.EL0VTEN (bit 8): the virtual timer.</summary>
    VirtualTimer,
    /// <summary>SCTLR_EL1.DZE (bit 14): DC ZVA.</summary>
    Dze,
    /// <summary>SCTLR_EL1.UCI (bit 26): the by-address cache maintenance EL0 may use (DC CVAU/CVAC/CVAP/CIVAC, IC IVAU).</summary>
    Uci,
}

/// <summary>What a write does besides storing (decision 3: side effects are table data).</summary>
[Flags]
public enum SysRegEffects : byte
{
    None = 0,
    /// <summary>Changes address translation: cached translations are dropped.</summary>
    Translation = 1 << 0,
    /// <summary>Changes interrupt routing or masking: pending interrupts are looked at again.</summary>
    Interrupts = 1 << 1,
    /// <summary>TLB maintenance: the block ends after it, so later code is fetched through the new mappings.</summary>
    Maintenance = 1 << 2,
}
