using A64Jit.IR;

namespace A64Jit.Backend.X64;

public sealed partial class X64Compiler
{
    /// <summary>Whether the opcode has an emitter of its own (the rest go through the generic helper).</summary>
    public static bool HasEmitter(Opcode op) => op switch
    {
        Opcode.Const or Opcode.InstStart
            or Opcode.GetX or Opcode.SetX or Opcode.GetSp or Opcode.SetSp or Opcode.GetNzcv or Opcode.SetNzcv
            or Opcode.GetV or Opcode.SetV or Opcode.Low64 or Opcode.High64 or Opcode.Pack128
            or Opcode.Add32 or Opcode.Add64 or Opcode.Sub32 or Opcode.Sub64
            or Opcode.And32 or Opcode.And64 or Opcode.Or32 or Opcode.Or64 or Opcode.Xor32 or Opcode.Xor64
            or Opcode.Not32 or Opcode.Not64
            or Opcode.Lsl32 or Opcode.Lsl64 or Opcode.Lsr32 or Opcode.Lsr64
            or Opcode.Asr32 or Opcode.Asr64 or Opcode.Ror32 or Opcode.Ror64
            or Opcode.Mul32 or Opcode.Mul64 or Opcode.AddCarry32 or Opcode.AddCarry64
            or Opcode.AddCarryFlags32 or Opcode.AddCarryFlags64 or Opcode.SubFlags32 or Opcode.SubFlags64 or Opcode.LogicFlags32 or Opcode.LogicFlags64
            or Opcode.Eq32 or Opcode.Eq64 or Opcode.ULessThan64 or Opcode.SLessThan64 or Opcode.NotU1
            or Opcode.ConditionHolds
            or Opcode.ZeroExtend1To64 or Opcode.ZeroExtend1To32 or Opcode.ZeroExtend8To32 or Opcode.ZeroExtend16To32
            or Opcode.ZeroExtend8To64 or Opcode.ZeroExtend16To64 or Opcode.ZeroExtend32To64
            or Opcode.SignExtend8To32 or Opcode.SignExtend16To32 or Opcode.SignExtend8To64
            or Opcode.SignExtend16To64 or Opcode.SignExtend32To64
            or Opcode.Truncate32To8 or Opcode.Truncate32To16 or Opcode.Truncate64To8 or Opcode.Truncate64To16
            or Opcode.Truncate64To32
            or Opcode.NzcvToU32 or Opcode.U32ToNzcv
            or Opcode.Load8 or Opcode.Load16 or Opcode.Load32 or Opcode.Load64 or Opcode.Load128
            or Opcode.Store8 or Opcode.Store16 or Opcode.Store32 or Opcode.Store64 or Opcode.Store128
            or Opcode.Select
            or Opcode.UDiv32 or Opcode.UDiv64 or Opcode.SDiv32 or Opcode.SDiv64 or Opcode.UMulHigh64 or Opcode.SMulHigh64
            or Opcode.Clz32 or Opcode.Clz64 or Opcode.ByteReverse32 or Opcode.ByteReverse64
            or Opcode.VecGetElement or Opcode.VecSetElement or Opcode.VecDup or Opcode.VecBinary or Opcode.VecUnary
            or Opcode.VecTableLookup or Opcode.VecSatBinary
            or Opcode.FpBinary or Opcode.FpTernary or Opcode.FpUnary => true,
        _ => false,
    };

    void EmitInst(Inst inst)
    {
        if (foldedValues.Contains(inst))
            return; // computed inside the accesses that use it (address folding)
        switch (inst.Op)
        {
            case Opcode.Const: EmitConst(inst); break;
            case Opcode.InstStart:
                guestIndex++;
                guestPc = inst.Aux;
                break;

            case Opcode.GetX: EmitGetX(inst); break;
            case Opcode.SetX: EmitSetX(inst); break;
            case Opcode.GetSp: EmitGetSp(inst); break;
            case Opcode.SetSp: EmitSetSp(inst); break;
            case Opcode.GetSysRegSlot: EmitGetSysRegSlot(inst); break;
            case Opcode.SetSysRegSlot: StoreGuestQword(ContextLayout.SysReg((int)inst.Aux), inst.Args[0]); break;
            case Opcode.Count: EmitCount(inst); break;
            case Opcode.GetNzcv: EmitGetNzcv(inst); break;
            case Opcode.SetNzcv: EmitSetNzcv(inst); break;
            case Opcode.GetV: EmitGetV(inst); break;
            case Opcode.SetV: EmitSetV(inst); break;
            case Opcode.Low64: EmitLow64(inst); break;
            case Opcode.High64: EmitHigh64(inst); break;
            case Opcode.Pack128: EmitPack128(inst); break;

            case Opcode.Add32: EmitAdd32(inst); break;
            case Opcode.Add64: EmitAdd64(inst); break;
            case Opcode.Sub32: EmitSub32(inst); break;
            case Opcode.Sub64: EmitSub64(inst); break;
            case Opcode.And32: EmitAnd32(inst); break;
            case Opcode.And64: EmitAnd64(inst); break;
            case Opcode.Or32: EmitOr32(inst); break;
            case Opcode.Or64: EmitOr64(inst); break;
            case Opcode.Xor32: EmitXor32(inst); break;
            case Opcode.Xor64: EmitXor64(inst); break;
            case Opcode.Not32: EmitNot32(inst); break;
            case Opcode.Not64: EmitNot64(inst); break;
            case Opcode.Lsl32: EmitLsl32(inst); break;
            case Opcode.Lsl64: EmitLsl64(inst); break;
            case Opcode.Lsr32: EmitLsr32(inst); break;
            case Opcode.Lsr64: EmitLsr64(inst); break;
            case Opcode.Asr32: EmitAsr32(inst); break;
            case Opcode.Asr64: EmitAsr64(inst); break;
            case Opcode.Ror32: EmitRor32(inst); break;
            case Opcode.Ror64: EmitRor64(inst); break;
            case Opcode.Mul32: EmitMul32(inst); break;
            case Opcode.Mul64: EmitMul64(inst); break;
            case Opcode.AddCarry32: EmitAddCarry32(inst); break;
            case Opcode.UDiv32: EmitDivide(inst, wide: false, signed: false); break;
            case Opcode.UDiv64: EmitDivide(inst, wide: true, signed: false); break;
            case Opcode.SDiv32: EmitDivide(inst, wide: false, signed: true); break;
            case Opcode.SDiv64: EmitDivide(inst, wide: true, signed: true); break;
            case Opcode.UMulHigh64: EmitMulHigh(inst, signed: false); break;
            case Opcode.SMulHigh64: EmitMulHigh(inst, signed: true); break;
            case Opcode.Clz32: EmitClz(inst, wide: false); break;
            case Opcode.Clz64: EmitClz(inst, wide: true); break;
            case Opcode.ByteReverse32: EmitByteReverse(inst, wide: false); break;
            case Opcode.ByteReverse64: EmitByteReverse(inst, wide: true); break;
            case Opcode.AddCarry64: EmitAddCarry64(inst); break;

            case Opcode.AddCarryFlags32: EmitAddCarryFlags(inst, wide: false); break;
            case Opcode.AddCarryFlags64: EmitAddCarryFlags(inst, wide: true); break;
            case Opcode.SubFlags32: EmitSubFlags(inst, wide: false); break;
            case Opcode.SubFlags64: EmitSubFlags(inst, wide: true); break;
            case Opcode.LogicFlags32: EmitLogicFlags(inst, wide: false); break;
            case Opcode.LogicFlags64: EmitLogicFlags(inst, wide: true); break;
            case Opcode.ConditionHolds: EmitConditionHolds(inst); break;

            case Opcode.Eq32: EmitEq32(inst); break;
            case Opcode.Eq64: EmitEq64(inst); break;
            case Opcode.ULessThan64: EmitULessThan64(inst); break;
            case Opcode.SLessThan64: EmitSLessThan64(inst); break;
            case Opcode.NotU1: EmitNotU1(inst); break;
            case Opcode.Select: EmitSelect(inst); break;

            case Opcode.Load8: EmitLoad(inst, 1); break;
            case Opcode.Load16: EmitLoad(inst, 2); break;
            case Opcode.Load32: EmitLoad(inst, 4); break;
            case Opcode.Load64: EmitLoad(inst, 8); break;
            case Opcode.Load128: EmitLoad128(inst); break;
            case Opcode.Store8: EmitStore(inst, 1); break;
            case Opcode.Store16: EmitStore(inst, 2); break;
            case Opcode.Store32: EmitStore(inst, 4); break;
            case Opcode.Store64: EmitStore(inst, 8); break;
            case Opcode.Store128: EmitStore128(inst); break;

            case Opcode.VecGetElement or Opcode.VecSetElement or Opcode.VecDup or Opcode.VecBinary or Opcode.VecUnary
                or Opcode.VecTableLookup or Opcode.VecSatBinary when !CanEmitSimd(inst):
                EmitGeneric(inst);
                break;
            case Opcode.FpBinary or Opcode.FpTernary or Opcode.FpUnary when !CanEmitFloatingPoint(inst):
                EmitGeneric(inst);
                break;
            case Opcode.FpBinary or Opcode.FpTernary or Opcode.FpUnary: EmitFloatingPoint(inst); break;
            case Opcode.VecGetElement: EmitVecGetElement(inst); break;
            case Opcode.VecSetElement: EmitVecSetElement(inst); break;
            case Opcode.VecDup: EmitVecDup(inst); break;
            case Opcode.VecBinary: EmitVecBinary(inst); break;
            case Opcode.VecUnary: EmitVecUnary(inst); break;
            case Opcode.VecTableLookup: EmitTableLookup(inst); break;
            case Opcode.VecSatBinary: EmitSaturating(inst); break;

            case Opcode.ZeroExtend1To64: case Opcode.ZeroExtend1To32:
            case Opcode.ZeroExtend8To32: case Opcode.ZeroExtend16To32:
            case Opcode.ZeroExtend8To64: case Opcode.ZeroExtend16To64: case Opcode.ZeroExtend32To64:
            case Opcode.NzcvToU32: case Opcode.U32ToNzcv:
                EmitCopy(inst); break;
            case Opcode.SignExtend8To32: EmitSignExtend8To32(inst); break;
            case Opcode.SignExtend16To32: EmitSignExtend16To32(inst); break;
            case Opcode.SignExtend8To64: EmitSignExtend8To64(inst); break;
            case Opcode.SignExtend16To64: EmitSignExtend16To64(inst); break;
            case Opcode.SignExtend32To64: EmitSignExtend32To64(inst); break;
            case Opcode.Truncate32To8: case Opcode.Truncate64To8: EmitTruncateTo8(inst); break;
            case Opcode.Truncate32To16: case Opcode.Truncate64To16: EmitTruncateTo16(inst); break;
            case Opcode.Truncate64To32: EmitTruncate64To32(inst); break;

            default: EmitGeneric(inst); break;
        }
    }
}
