using A64Jit.IR;

namespace A64Jit.Hypervisor.SysRegs;

/// <summary>
/// Every system register and system instruction the CPU implements (el2.md section 1), as data. The
/// lines are grouped by kind in the SysRegTable.*.cs files; an encoding not listed is UNDEFINED.
/// Storage registers get a slot each, in the order they are listed.
/// </summary>
public static partial class SysRegTable
{
    static readonly Dictionary<uint, SysRegDef> byEncoding = [];
    static readonly Dictionary<string, SysRegDef> byName = [];

    /// <summary>How many storage slots the table uses (fits <c>JitContext.SystemRegisterSlots</c>).</summary>
    public static int SlotCount { get; private set; }

    public static IReadOnlyCollection<SysRegDef> All => byEncoding.Values;

    public static SysRegDef? Find(uint encoding) => byEncoding.GetValueOrDefault(encoding);

    public static SysRegDef Named(string name) =>
        byName.TryGetValue(name, out var def) ? def : throw new KeyNotFoundException($"no system register {name}");

    static SysRegTable()
    {
        AddEl1Registers();
        AddEl0Registers();
        AddIdRegisters();
        AddDebugRegisters();
        AddEl2Registers();
        AddAliases();
        AddGicRegisters();
        AddInstructions();
        foreach (var def in byEncoding.Values)
        {
            if (def.VheTarget is { } t && !byName.ContainsKey(t))
                throw new InvalidOperationException($"{def.Name}: VHE target {t} is not in the table");
            if (def.AliasOf is { } a && !byName.ContainsKey(a))
                throw new InvalidOperationException($"{def.Name}: alias of {a}, which is not in the table");
        }
    }

    static SysRegDef Add(SysRegDef def, bool storage)
    {
        if (!byEncoding.TryAdd(def.Encoding, def))
            throw new InvalidOperationException($"{def.Name}: encoding {SysRegEncoding.Format(def.Encoding)} listed twice");
        byName.Add(def.Name, def);
        if (storage)
            def.Slot = SlotCount++;
        return def;
    }

    static uint E(uint op0, uint op1, uint crn, uint crm, uint op2) => SysRegEncoding.Pack(op0, op1, crn, crm, op2);

    /// <summary>A register stored in its slot.</summary>
    static SysRegDef Stored(string name, uint encoding, int minEl = 1, ulong reset = 0, SysRegTraps traps = SysRegTraps.None,
        string? vhe = null, SysRegEffects effects = SysRegEffects.None, bool readOnly = false, ulong writeMask = ulong.MaxValue,
        El0Gate gate = El0Gate.None) =>
        Add(new SysRegDef
        {
            Name = name, Encoding = encoding, MinEl = minEl, Reset = reset, Traps = traps, VheTarget = vhe, Effects = effects,
            ReadOnly = readOnly, WriteMask = writeMask, NeedsEl2 = minEl == 2, El0Gate = gate,
        }, storage: true);

    /// <summary>A register whose reads and writes are behaviour (PSTATE fields, banked SPs, computed values).</summary>
    static SysRegDef Special(string name, uint encoding, Func<Cpu.SystemCpu, ulong>? read, Action<Cpu.SystemCpu, ulong>? write,
        int minEl = 1, SysRegTraps traps = SysRegTraps.None, SysRegEffects effects = SysRegEffects.None, El0Gate gate = El0Gate.None,
        string? vhe = null) =>
        Add(new SysRegDef
        {
            Name = name, Encoding = encoding, MinEl = minEl, Traps = traps, Effects = effects, El0Gate = gate, VheTarget = vhe,
            Read = read, Write = write, ReadOnly = write is null, WriteOnly = read is null, NeedsEl2 = minEl == 2,
        }, storage: false);

    /// <summary>A read-only register with a fixed value.</summary>
    static SysRegDef Fixed(string name, uint encoding, ulong value, int minEl = 1, SysRegTraps traps = SysRegTraps.None, El0Gate gate = El0Gate.None) =>
        Add(new SysRegDef
        {
            Name = name, Encoding = encoding, MinEl = minEl, Traps = traps, El0Gate = gate, Read = _ => value, ReadOnly = true, Constant = value,
        }, storage: false);

    /// <summary>A register a device model owns (generic timer, GIC CPU interface).</summary>
    static SysRegDef Device(string name, uint encoding, int minEl = 1, SysRegTraps traps = SysRegTraps.None, string? vhe = null,
        El0Gate gate = El0Gate.None, bool readOnly = false, bool writeOnly = false, SysRegEffects effects = SysRegEffects.Interrupts) =>
        Add(new SysRegDef
        {
            Name = name, Encoding = encoding, MinEl = minEl, Traps = traps, VheTarget = vhe, El0Gate = gate, Device = true,
            ReadOnly = readOnly, WriteOnly = writeOnly, NeedsEl2 = minEl == 2, Effects = effects,
        }, storage: false);

    /// <summary>A _EL12/_EL02 alias of an EL1/EL0 register, valid at EL2 with E2H=1.</summary>
    static SysRegDef Alias(string name, uint encoding, string of) =>
        Add(new SysRegDef { Name = name, Encoding = encoding, MinEl = 2, NeedsEl2 = true, AliasOf = of }, storage: false);
}
