namespace A64Jit.IR;

/// <summary>
/// The packed form of a system register or system instruction encoding, op0:op1:CRn:CRm:op2 in 16 bits
/// (as Linux's sys_reg() packs it). MRS/MSR/SYS carry it in the IR's Aux field.
/// </summary>
public static class SysRegEncoding
{
    public static uint Pack(uint op0, uint op1, uint crn, uint crm, uint op2) =>
        (op0 << 14) | (op1 << 11) | (crn << 7) | (crm << 3) | op2;

    public static (uint Op0, uint Op1, uint CRn, uint CRm, uint Op2) Unpack(uint e) =>
        ((e >> 14) & 3, (e >> 11) & 7, (e >> 7) & 15, (e >> 3) & 15, e & 7);

    /// <summary>
    /// The Aux of a ReadSysReg/WriteSysReg: the encoding in bits 15..0 and the instruction's Rt in bits 20..16,
    /// which a trapped access reports in its syndrome.
    /// </summary>
    public static ulong WithRt(uint encoding, uint rt) => encoding | (rt << 16);

    /// <summary>The encoding part of a ReadSysReg/WriteSysReg Aux.</summary>
    public static uint EncodingOf(uint aux) => aux & 0xFFFF;

    /// <summary>The Rt part of a ReadSysReg/WriteSysReg Aux.</summary>
    public static int RtOf(uint aux) => (int)(aux >> 16) & 31;

    /// <summary>The generic name, S3_3_C13_C0_2 style, as assemblers accept it.</summary>
    public static string Format(uint e)
    {
        var (op0, op1, crn, crm, op2) = Unpack(e);
        return $"S{op0}_{op1}_C{crn}_C{crm}_{op2}";
    }
}
