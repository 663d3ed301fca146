using A64Jit.IR;

namespace A64Jit.Frontend.Lifting;

// C4.1.87 Branches, Exception Generating and System instructions: hints, barriers, PSTATE,
// system instructions and system-register moves. Whether an access is permitted at the current
// level is the system-register slow path's decision (ReadSysReg/WriteSysReg), not the lifter's.
public sealed partial class Lifter
{
    // Hints. Every hint executes as a NOP: PAuth and BTI are not implemented (their hints do nothing
    // then), WFE/WFI/YIELD may complete at once, and ESB/PSB/TSB/CSDB order nothing we model.
    [Handler] void NOP() { }
    [Handler] void YIELD() { }
    [Handler] void WFE() => WaitFor(1);
    [Handler] void WFI() => WaitFor(0);

    /// <summary>
    /// System mode: WFI/WFE leave the block so the machine can sleep until an interrupt or event (Immediate 0 WFI,
    /// 1 WFE, 2 SEV/SEVL). At EL0 in user mode they complete at once.
    /// </summary>
    void WaitFor(uint isEvent)
    {
        if (systemMode)
            End(new Terminal.Exception(ExceptionKind.WaitForEvent, pc, NextPc, isEvent));
    }
    [Handler] void SEV() => SendEvent();
    [Handler] void SEVL() => SendEvent();

    /// <summary>System mode: SEV/SEVL set the event register WFE consumes (one CPU: SEV's event reaches this CPU too).</summary>
    void SendEvent()
    {
        if (systemMode)
            End(new Terminal.Exception(ExceptionKind.WaitForEvent, pc, NextPc, 2));
    }
    [Handler] void XPACLRI() { }
    [Handler] void PACIA1716() { }
    [Handler] void PACIB1716() { }
    [Handler] void AUTIA1716() { }
    [Handler] void AUTIB1716() { }
    [Handler] void ESB() { }
    [Handler] void PSB_CSYNC() { }
    [Handler] void TSB_CSYNC() { }
    [Handler] void CSDB() { }
    [Handler] void PACIAZ() { }
    [Handler] void PACIASP() { }
    [Handler] void PACIBZ() { }
    [Handler] void PACIBSP() { }
    [Handler] void AUTIAZ() { }
    [Handler] void AUTIASP() { }
    [Handler] void AUTIBZ() { }
    [Handler] void AUTIBSP() { }
    [Handler] void BTI() { }
    [Handler] void HINT() { }

    // Barriers. The IR has one barrier strength; Aux keeps the A64 kind and option for the backend.
    [Handler] void CLREX() => ir.Emit(Opcode.ClearExclusive);
    [Handler] void SSBB() => Barrier(BarrierKind.Dsb, 0);
    [Handler] void PSSBB() => Barrier(BarrierKind.Dsb, 4);
    [Handler] void DSB(uint m) => Barrier(BarrierKind.Dsb, m);
    [Handler] void DMB(uint m) => Barrier(BarrierKind.Dmb, m);
    [Handler] void SB() => Barrier(BarrierKind.Sb, 0);

    /// <summary>ISB: later instructions are fetched again, so the block ends here.</summary>
    [Handler]
    void ISB()
    {
        Barrier(BarrierKind.Isb, 15);
        if (systemMode)
            EndIfContextChanges();
        else
            End(new Terminal.Link(NextPc));
    }

    void Barrier(BarrierKind kind, uint option) => ir.EmitWithAux(Opcode.MemoryBarrier, ((ulong)kind << 4) | option);

    /// <summary>The A64 barrier instruction a MemoryBarrier came from (Aux bits 7..4; bits 3..0 are CRm).</summary>
    enum BarrierKind : byte { Dmb, Dsb, Isb, Sb }

    // PSTATE. CFINV, XAFLAG and AXFLAG rewrite NZCV (FlagM, FlagM2).
    const uint FlagN = 1u << 31, FlagZ = 1u << 30, FlagC = 1u << 29, FlagV = 1u << 28;

    [Handler] void CFINV() => Nzcv(ir.Emit(Opcode.U32ToNzcv, Xor(NzcvBits(), ir.U32(FlagC))));

    /// <summary>XAFLAG: from the external (FCMP-like) format to Arm's (pseudocode of XAFLAG).</summary>
    [Handler]
    void XAFLAG()
    {
        var flags = NzcvBits();
        var z = And(flags, ir.U32(FlagZ));
        var c = And(flags, ir.U32(FlagC));
        var zAtC = Lsr(z, ir.U32(1));             // Z moved to the C position
        var cAtZ = Lsl(c, ir.U32(1));             // C moved to the Z position
        // N = NOT(C) AND NOT(Z); Z = Z AND C; C = C OR Z; V = NOT(C) AND Z.
        var notCNotZ = Not(Or(Lsl(c, ir.U32(2)), Lsl(z, ir.U32(1))));
        var n = And(notCNotZ, ir.U32(FlagN));
        var newZ = And(z, cAtZ);
        var newC = Or(c, zAtC);
        var v = And(And(Not(Lsr(c, ir.U32(1))), Lsr(z, ir.U32(2))), ir.U32(FlagV));
        Nzcv(ir.Emit(Opcode.U32ToNzcv, Or(Or(n, newZ), Or(newC, v))));
    }

    /// <summary>AXFLAG: from Arm's format to the external one (pseudocode of AXFLAG).</summary>
    [Handler]
    void AXFLAG()
    {
        var flags = NzcvBits();
        var v = And(flags, ir.U32(FlagV));
        // Z = Z OR V; C = C AND NOT(V); N = V = 0.
        var z = And(Or(flags, Lsl(v, ir.U32(2))), ir.U32(FlagZ));
        var c = And(And(flags, Not(Lsl(v, ir.U32(1)))), ir.U32(FlagC));
        Nzcv(ir.Emit(Opcode.U32ToNzcv, Or(z, c)));
    }

    Inst NzcvBits() => ir.Emit(Opcode.NzcvToU32, Nzcv());

    // MSR (immediate) writes one PSTATE field. It goes through the field's system register
    // (MSR <field>, #imm is MSR <field>, Xt with the bit in place), so the slow path decides
    // whether the current level may write it, as it does for the register form.
    [Handler] void MSR_imm_UAO(uint m) => WritePstateField(SysRegEncoding.Pack(3, 0, 4, 2, 4), 23, m);
    [Handler] void MSR_imm_PAN(uint m) => WritePstateField(SysRegEncoding.Pack(3, 0, 4, 2, 3), 22, m);
    [Handler] void MSR_imm_SPSel(uint m) => WritePstateField(SysRegEncoding.Pack(3, 0, 4, 2, 0), 0, m);
    [Handler] void MSR_imm_SSBS(uint m) => WritePstateField(SysRegEncoding.Pack(3, 3, 4, 2, 6), 12, m);
    [Handler] void MSR_imm_DIT(uint m) => WritePstateField(SysRegEncoding.Pack(3, 3, 4, 2, 5), 24, m);

    void WritePstateField(uint encoding, int bit, uint crm)
    {
        ir.EmitWithAux(Opcode.WriteSysReg, SysRegEncoding.WithRt(encoding, 31), ir.U64((ulong)(crm & 1) << bit));
        EndIfContextChanges();
    }

    // DAIFSet/DAIFClr: read-modify-write of DAIF, whose D, A, I, F bits are 9..6 (CRm is D:A:I:F).
    [Handler]
    void MSR_imm_DAIFSet(uint m)
    {
        ir.EmitWithAux(Opcode.WriteSysReg, DaifImmediate, Or(ir.EmitWithAux(Opcode.ReadSysReg, DaifImmediate), ir.U64((ulong)m << 6)));
        EndIfContextChanges();
    }

    [Handler]
    void MSR_imm_DAIFClr(uint m)
    {
        ir.EmitWithAux(Opcode.WriteSysReg, DaifImmediate, And(ir.EmitWithAux(Opcode.ReadSysReg, DaifImmediate), ir.U64(~((ulong)m << 6))));
        EndIfContextChanges();
    }

    static readonly ulong DaifImmediate = SysRegEncoding.WithRt(SysRegEncoding.Pack(3, 3, 4, 2, 1), 31);

    /// <summary>SYS: DC ZVA and the cache maintenance by address get their own opcodes; the rest (TLBI, AT, ...) go to the slow path.</summary>
    [Handler]
    void SYS(uint a, uint k, uint m, uint b, uint t)
    {
        uint encoding = SysRegEncoding.Pack(1, a, k, m, b);
        if (encoding == DcZva)
            ir.EmitWithAux(Opcode.ZeroBlock, SysRegEncoding.WithRt(encoding, t), X(t, 64));
        else if (CacheMaintenanceByAddress.Contains(encoding))
            ir.EmitWithAux(Opcode.CacheMaintenance, SysRegEncoding.WithRt(encoding, t), X(t, 64));
        else
        {
            ir.EmitWithAux(Opcode.WriteSysReg, SysRegEncoding.WithRt(encoding, t), X(t, 64));
            EndIfContextChanges();
        }
    }

    [Handler]
    void SYSL(uint a, uint k, uint m, uint b, uint t) =>
        X(t, ir.EmitWithAux(Opcode.ReadSysReg, SysRegEncoding.WithRt(SysRegEncoding.Pack(1, a, k, m, b), t)));

    static readonly uint DcZva = SysRegEncoding.Pack(1, 3, 7, 4, 1);

    /// <summary>
    /// The by-address cache maintenance EL0 may use (with SCTLR_EL1.UCI set, as Linux sets it). The
    /// EL1-only ones (DC IVAC) and DC CVADP (FEAT_DPB2, not implemented) take the slow path.
    /// </summary>
    static readonly HashSet<uint> CacheMaintenanceByAddress =
    [
        SysRegEncoding.Pack(1, 3, 7, 10, 1), // DC CVAC
        SysRegEncoding.Pack(1, 3, 7, 11, 1), // DC CVAU
        SysRegEncoding.Pack(1, 3, 7, 12, 1), // DC CVAP
        SysRegEncoding.Pack(1, 3, 7, 14, 1), // DC CIVAC
        SysRegEncoding.Pack(1, 3, 7, 5, 1),  // IC IVAU
    ];

    [Handler]
    void MRS(uint o, uint a, uint k, uint m, uint b, uint t)
    {
        uint encoding = SysRegEncoding.Pack(2 + o, a, k, m, b);
        // NZCV is guest state the IR names directly: no slow path needed.
        X(t, encoding == NzcvEncoding ? ToU64(NzcvBits()) : ir.EmitWithAux(Opcode.ReadSysReg, SysRegEncoding.WithRt(encoding, t)));
    }

    [Handler]
    void MSR_reg(uint o, uint a, uint k, uint m, uint b, uint t)
    {
        uint encoding = SysRegEncoding.Pack(2 + o, a, k, m, b);
        if (encoding == NzcvEncoding)
            Nzcv(ir.Emit(Opcode.U32ToNzcv, And(X(t, 32), ir.U32(0xF000_0000))));
        else
        {
            ir.EmitWithAux(Opcode.WriteSysReg, SysRegEncoding.WithRt(encoding, t), X(t, 64));
            EndIfContextChanges();
        }
    }

    static readonly uint NzcvEncoding = SysRegEncoding.Pack(3, 3, 4, 2, 0);
}
