namespace A64Jit.Hypervisor.Exceptions;

/// <summary>ESR_ELx.EC values this CPU raises (Arm ARM D17.2.37, el2.md 3.3).</summary>
public static class ExceptionClass
{
    public const uint Unknown = 0x00;
    public const uint WfxTrap = 0x01;
    public const uint FpAccess = 0x07;
    public const uint IllegalState = 0x0E;
    public const uint Svc = 0x15;
    public const uint Hvc = 0x16;
    public const uint Smc = 0x17;
    public const uint SysRegTrap = 0x18;
    public const uint EretTrap = 0x1A;
    public const uint InstructionAbortLower = 0x20;
    public const uint InstructionAbortSame = 0x21;
    public const uint PcAlignment = 0x22;
    public const uint DataAbortLower = 0x24;
    public const uint DataAbortSame = 0x25;
    public const uint SpAlignment = 0x26;
    public const uint SError = 0x2F;
    public const uint Brk = 0x3C;
}

/// <summary>Builds ESR values: EC in bits 31..26, IL (bit 25, always 1 for A64) and the ISS.</summary>
public static class Syndrome
{
    public const uint Il = 1u << 25;

    public static uint Make(uint ec, uint iss) => (ec << 26) | Il | (iss & 0x1FF_FFFF);

    public static uint Undefined => Make(ExceptionClass.Unknown, 0);

    /// <summary>EC 0x18: ISS = op0&lt;&lt;20 | op2&lt;&lt;17 | op1&lt;&lt;14 | CRn&lt;&lt;10 | Rt&lt;&lt;5 | CRm&lt;&lt;1 | read (el2.md 3.3).</summary>
    public static uint SysRegTrap(uint encoding, int rt, bool read)
    {
        var (op0, op1, crn, crm, op2) = IR.SysRegEncoding.Unpack(encoding);
        return Make(ExceptionClass.SysRegTrap, (op0 << 20) | (op2 << 17) | (op1 << 14) | (crn << 10) | ((uint)rt << 5) | (crm << 1) | (read ? 1u : 0));
    }

    /// <summary>An FP/SIMD access trap (CPACR_EL1.FPEN, CPTR_EL2), with CV=1 and COND=0xE as QEMU reports it.</summary>
    public static uint FpAccess => Make(ExceptionClass.FpAccess, (1u << 24) | (0xEu << 20));

    /// <summary>A trapped WFI (0) or WFE (1), with CV=1 and COND=0xE as QEMU reports them.</summary>
    public static uint Wfx(bool isWfe) => Make(ExceptionClass.WfxTrap, (1u << 24) | (0xEu << 20) | (isWfe ? 1u : 0));
}
