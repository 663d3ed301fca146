using A64Jit.Hypervisor.Exceptions;
using A64Jit.Hypervisor.Profiling;
using A64Jit.Hypervisor.SysRegs;
using A64Jit.IR;

namespace A64Jit.Hypervisor.Cpu;

// MRS, MSR, SYS and SYSL: which register an access reaches at the current EL (UNDEFINED, an EL2 trap, a
// VHE redirection or an alias), then the access itself. The order is el2.md 3.4's: UNDEFINED first, then
// the EL1 controls of EL0 accesses, then the EL2 traps.
public sealed partial class SystemCpu
{
    /// <summary>MRS/SYSL; <paramref name="aux"/> is the IR's Aux (encoding and Rt, see <see cref="SysRegEncoding.WithRt"/>).</summary>
    public ulong ReadSysReg(uint aux)
    {
        var def = Resolve(aux, read: true);
        Profile?.Count(NameOf(aux), El, true, SysRegPath.Helper);
        if (def.Read is { } read)
            return read(this);
        if (def.Device)
        {
            foreach (var device in Devices)
                if (device.TryRead(def.Encoding, out ulong value))
                    return value;
            return 0;
        }
        return State.SysRegs[def.Slot];
    }

    /// <summary>MSR/SYS (and MSR immediate, whose value the lifter puts in place).</summary>
    public void WriteSysReg(uint aux, ulong value)
    {
        var def = Resolve(aux, read: false);
        Profile?.Count(NameOf(aux), El, false, SysRegPath.Helper);
        if (def.Write is { } write)
            write(this, value);
        else if (def.Device)
        {
            foreach (var device in Devices)
                if (device.TryWrite(def.Encoding, value))
                    break;
        }
        else
        {
            ref ulong slot = ref State.SysRegs[def.Slot];
            slot = (slot & ~def.WriteMask) | (value & def.WriteMask);
        }
        if ((def.Effects & SysRegEffects.Translation) != 0)
            Hooks.TranslationChanged();
        if ((def.Effects & SysRegEffects.Interrupts) != 0)
            Hooks.InterruptsChanged();
    }

    /// <summary>
    /// DC ZVA and the by-address cache maintenance, which have IR operations of their own: raises the
    /// exception the instruction takes at the current EL (an EL0 gate, an EL2 trap), else returns so the
    /// caller performs it.
    /// </summary>
    public void CheckSystemInstruction(uint aux)
    {
        Resolve(aux, read: false);
        Profile?.Count(NameOf(aux), El, false, SysRegPath.Helper);
    }

    /// <summary>DCZID_EL0: 64-byte blocks; DZP set where DC ZVA would trap or be disabled at the current EL.</summary>
    internal ulong DczidValue()
    {
        try
        {
            ResolveOrRaise(DcZvaAccess, read: false);
            return 4;
        }
        catch (SyndromeFault)
        {
            return 4 | 1UL << 4;
        }
    }

    static readonly uint DcZvaAccess = SysRegEncoding.Pack(1, 3, 7, 4, 1);

    /// <summary>Profiling: the accesses of this CPU are counted when set.</summary>
    public SysRegProfile? Profile { get; set; }

    /// <summary>The name an access uses (the instruction's register, before any redirection).</summary>
    public static string NameOf(uint aux) =>
        SysRegTable.Find(SysRegEncoding.EncodingOf(aux))?.Name ?? SysRegEncoding.Format(SysRegEncoding.EncodingOf(aux));

    /// <summary>
    /// The storage slot an access may be compiled to under a translation key: a plain storage register that
    /// no state outside the key can make UNDEFINED or trap, and whose write has no side effect. Null: the
    /// access must take the slow path.
    /// </summary>
    public int? InlineSlot(uint aux, bool read, uint translationKey)
    {
        if (StaticTarget(aux, read, translationKey) is not { } def)
            return null;
        // SP_EL0 is in its slot except while it is the live SP (SPSel = 0, key bit 4 clear).
        bool stackInSlot = def.Slot != SpEl0 || (translationKey & 16) != 0;
        bool plain = def.Slot >= 0 && def.Read is null && def.Write is null && !def.Device && stackInSlot;
        if (!plain || (!read && (def.Effects != SysRegEffects.None || ChangesKey(def))))
            return null;
        return def.Slot;
    }

    /// <summary>
    /// The register an access reaches under a translation key when nothing outside the key can make it UNDEFINED
    /// or trap (no EL2 trap control applies, no EL0 gate); null otherwise.
    /// </summary>
    public SysRegDef? StaticTarget(uint aux, bool read, uint translationKey)
    {
        int el = (int)(translationKey & 3);
        bool e2h = (translationKey & 4) != 0;
        var def = SysRegTable.Find(SysRegEncoding.EncodingOf(aux));
        if (def is null || (def.NeedsEl2 && !HasEl2) || def.MinEl > el || (read ? def.WriteOnly : def.ReadOnly))
            return null;
        if (def.AliasOf is { } aliased)
        {
            if (!e2h)
                return null;
            def = SysRegTable.Named(aliased);
        }
        else if (def.VheTarget is { } target && e2h && el == 2)
            def = SysRegTable.Named(target);
        bool trapsPossible = el < 2 && HasEl2 && (def.Traps | def.ValueTraps) != SysRegTraps.None;
        if (trapsPossible || (el == 0 && (def.El0Gate != El0Gate.None || def.ValueGate != El0Gate.None)))
            return null;
        return def;
    }

    /// <summary>The register an access reaches, or the exception it raises instead.</summary>
    SysRegDef Resolve(uint aux, bool read)
    {
        try
        {
            return ResolveOrRaise(aux, read);
        }
        catch (SyndromeFault fault) when (Profile is { } profile)
        {
            profile.Count(NameOf(aux), El, read, fault.TargetEl == 2 ? SysRegPath.Trap : SysRegPath.Undefined);
            throw;
        }
    }

    SysRegDef ResolveOrRaise(uint aux, bool read)
    {
        uint encoding = SysRegEncoding.EncodingOf(aux);
        int el = El;
        var def = SysRegTable.Find(encoding);
        string name = def?.Name ?? SysRegEncoding.Format(encoding);
        if (def is null || (def.NeedsEl2 && !HasEl2) || def.MinEl > el || (read ? def.WriteOnly : def.ReadOnly))
            throw Undefined($"{(read ? "read of" : "write to")} {name} at EL{el}");
        if (def.AliasOf is { } aliased)
        {
            if (!E2h)
                throw Undefined($"{name} needs HCR_EL2.E2H");
            return SysRegTable.Named(aliased);
        }
        if (def.Slot == SpEl0 && (State.Pstate & Pstate.SpSel) == 0)
            throw Undefined("SP_EL0 is the current stack pointer");
        if (def.FpAccess && FpTrapTarget() != 0)
            throw FpAccessTrap();
        // An EL0 access an EL1 control (SCTLR.UMA/UCT, CNTKCTL) does not enable traps to EL1 (to EL2 under TGE) with EC 0x18.
        if (el == 0 && !El0Permits(def.El0Gate))
            throw new SyndromeFault(Syndrome.SysRegTrap(encoding, SysRegEncoding.RtOf(aux), read), 0, null, $"{name} is not enabled for EL0: trapped");
        if (el < 2 && HasEl2 && TrappedToEl2(def, el, read))
            throw new SyndromeFault(Syndrome.SysRegTrap(encoding, SysRegEncoding.RtOf(aux), read), 2, null,
                $"{(read ? "read of" : "write to")} {name} at EL{el} trapped to EL2");
        if (def.VheTarget is { } target && E2h && (el == 2 || (el == 0 && Tge && def.Device)))
            return SysRegTable.Named(target);
        return def;
    }

    bool El0Permits(El0Gate gate)
    {
        if (gate == El0Gate.None)
            return true;
        bool host = E2h && Tge;
        ulong sctlr = host ? Reg("SCTLR_EL2") : Reg("SCTLR_EL1");
        ulong kctl = host ? DeviceRegister("CNTHCTL_EL2") : Reg("CNTKCTL_EL1");
        return gate switch
        {
            El0Gate.Uma => (sctlr & (1UL << 9)) != 0,
            El0Gate.Uct => (sctlr & (1UL << 15)) != 0,
            El0Gate.PhysicalCount => (kctl & 1) != 0,
            El0Gate.VirtualCount => (kctl & 2) != 0,
            El0Gate.AnyCount => (kctl & 3) != 0,
            El0Gate.VirtualTimer => (kctl & (1UL << 8)) != 0,
            El0Gate.PhysicalTimer => (kctl & (1UL << 9)) != 0,
            El0Gate.Dze => (sctlr & (1UL << 14)) != 0,
            El0Gate.Uci => (sctlr & (1UL << 26)) != 0,
            _ => true,
        };
    }

    bool TrappedToEl2(SysRegDef def, int el, bool read)
    {
        var traps = def.Traps;
        if (traps == SysRegTraps.None)
            return false;
        ulong hcr = EffectiveHcr;
        bool atEl1 = el == 1;
        if ((traps & SysRegTraps.VirtualMemory) != 0 && atEl1 && (hcr & (read ? HcrTrvm : HcrTvm)) != 0) return true;
        if ((traps & SysRegTraps.Id1) != 0 && (hcr & HcrTid1) != 0) return true;
        if ((traps & SysRegTraps.Id2) != 0 && (hcr & HcrTid2) != 0) return true;
        if ((traps & SysRegTraps.Id3) != 0 && (hcr & HcrTid3) != 0) return true;
        if ((traps & SysRegTraps.AuxControl) != 0 && atEl1 && (hcr & HcrTacr) != 0) return true;
        if ((traps & SysRegTraps.SetWay) != 0 && atEl1 && (hcr & HcrTsw) != 0) return true;
        if ((traps & SysRegTraps.Tlb) != 0 && atEl1 && (hcr & HcrTtlb) != 0) return true;
        if ((traps & SysRegTraps.InterruptRouting) != 0 && atEl1 && (hcr & (HcrImo | HcrFmo)) != 0) return true;
        if ((traps & SysRegTraps.AddressTranslation) != 0 && atEl1 && (hcr & HcrAt) != 0) return true;
        if ((traps & SysRegTraps.ZeroBlock) != 0 && (hcr & HcrTdz) != 0) return true;
        if ((traps & SysRegTraps.PointOfUnification) != 0 && (hcr & HcrTpu) != 0) return true;
        if ((traps & SysRegTraps.PointOfCoherency) != 0 && (hcr & HcrTpcp) != 0) return true;
        if ((traps & (SysRegTraps.PhysicalCounter | SysRegTraps.PhysicalTimer)) != 0 && !(E2h && Tge))
        {
            // CNTHCTL_EL2: EL1PCTEN/EL1PCEN in bits 0/1 with E2H=0, bits 10/11 with E2H=1 (el2.md 8.1).
            ulong cnthctl = DeviceRegister("CNTHCTL_EL2");
            int shift = E2h ? 10 : 0;
            bool counter = (traps & SysRegTraps.PhysicalCounter) != 0;
            if ((cnthctl & (1UL << (shift + (counter ? 0 : 1)))) == 0)
                return true;
        }
        return false;
    }

    /// <summary>The value of a device-owned register (CNTHCTL_EL2 for the timer traps).</summary>
    ulong DeviceRegister(string name)
    {
        uint encoding = SysRegTable.Named(name).Encoding;
        foreach (var device in Devices)
            if (device.TryRead(encoding, out ulong value))
                return value;
        return 0;
    }

    /// <summary>UNDEFINED: routed by the default rules (EL1, or EL2 from EL0 under TGE, or EL2 at EL2).</summary>
    public static SyndromeFault Undefined(string why) => new(Syndrome.Undefined, 0, null, why + ": UNDEFINED");
}
