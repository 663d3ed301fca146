using A64Jit.IR;

namespace A64Jit.Frontend.Lifting;

// C4.1.95 Data Processing -- Register: logical and add/subtract with shifted or extended register,
// with carry, conditional compare and select. The 1, 2 and 3 source groups and the flag
// manipulation are in DataProcessingRegister.Sources.cs.
public sealed partial class Lifter
{
    static int Width(uint sf) => sf == 1 ? 64 : 32;

    // Logical (shifted register). Register 31 is the zero register everywhere.
    [Handler] void AND_shift(uint z, uint h, uint m, uint i, uint n, uint d) => LogicalShifted(z, h, m, i, n, d, Opcode.And64, invert: false, setFlags: false);
    [Handler] void BIC_shift(uint z, uint h, uint m, uint i, uint n, uint d) => LogicalShifted(z, h, m, i, n, d, Opcode.And64, invert: true, setFlags: false);
    [Handler] void ORR_shift(uint z, uint h, uint m, uint i, uint n, uint d) => LogicalShifted(z, h, m, i, n, d, Opcode.Or64, invert: false, setFlags: false);
    [Handler] void ORN_shift(uint z, uint h, uint m, uint i, uint n, uint d) => LogicalShifted(z, h, m, i, n, d, Opcode.Or64, invert: true, setFlags: false);
    [Handler] void EOR_shift(uint z, uint h, uint m, uint i, uint n, uint d) => LogicalShifted(z, h, m, i, n, d, Opcode.Xor64, invert: false, setFlags: false);
    [Handler] void EON_shift(uint z, uint h, uint m, uint i, uint n, uint d) => LogicalShifted(z, h, m, i, n, d, Opcode.Xor64, invert: true, setFlags: false);
    [Handler] void ANDS_shift(uint z, uint h, uint m, uint i, uint n, uint d) => LogicalShifted(z, h, m, i, n, d, Opcode.And64, invert: false, setFlags: true);
    [Handler] void BICS_shift(uint z, uint h, uint m, uint i, uint n, uint d) => LogicalShifted(z, h, m, i, n, d, Opcode.And64, invert: true, setFlags: true);

    void LogicalShifted(uint sf, uint shift, uint m, uint imm6, uint n, uint d, Opcode op64, bool invert, bool setFlags)
    {
        int width = Width(sf);
        var operand1 = X(n, width);
        var operand2 = ShiftReg(X(m, width), shift, (int)imm6);
        if (invert)
            operand2 = Not(operand2);
        var result = op64 switch
        {
            Opcode.And64 => And(operand1, operand2),
            Opcode.Or64 => Or(operand1, operand2),
            _ => Xor(operand1, operand2),
        };
        if (setFlags)
            Nzcv(LogicFlags(result));
        X(d, result);
    }

    // Add/subtract (shifted register). Register 31 is the zero register.
    [Handler] void ADD_shift(uint z, uint h, uint m, uint i, uint n, uint d) => AddSubShifted(z, h, m, i, n, d, sub: false, setFlags: false);
    [Handler] void ADDS_shift(uint z, uint h, uint m, uint i, uint n, uint d) => AddSubShifted(z, h, m, i, n, d, sub: false, setFlags: true);
    [Handler] void SUB_shift(uint z, uint h, uint m, uint i, uint n, uint d) => AddSubShifted(z, h, m, i, n, d, sub: true, setFlags: false);
    [Handler] void SUBS_shift(uint z, uint h, uint m, uint i, uint n, uint d) => AddSubShifted(z, h, m, i, n, d, sub: true, setFlags: true);

    void AddSubShifted(uint sf, uint shift, uint m, uint imm6, uint n, uint d, bool sub, bool setFlags)
    {
        int width = Width(sf);
        var operand2 = ShiftReg(X(m, width), shift, (int)imm6);
        // SUB is AddWithCarry(x, NOT(y), 1).
        if (sub)
            operand2 = Not(operand2);
        X(d, AddWithCarry(X(n, width), operand2, ir.U1(sub), setFlags));
    }

    // Add/subtract (extended register). Rn, and Rd of the forms without flags, are SP when 31.
    [Handler] void ADD_ext(uint z, uint m, uint o, uint i, uint n, uint d) => AddSubExtended(z, m, o, i, n, d, sub: false, setFlags: false);
    [Handler] void ADDS_ext(uint z, uint m, uint o, uint i, uint n, uint d) => AddSubExtended(z, m, o, i, n, d, sub: false, setFlags: true);
    [Handler] void SUB_ext(uint z, uint m, uint o, uint i, uint n, uint d) => AddSubExtended(z, m, o, i, n, d, sub: true, setFlags: false);
    [Handler] void SUBS_ext(uint z, uint m, uint o, uint i, uint n, uint d) => AddSubExtended(z, m, o, i, n, d, sub: true, setFlags: true);

    void AddSubExtended(uint sf, uint m, uint option, uint imm3, uint n, uint d, bool sub, bool setFlags)
    {
        int width = Width(sf);
        var operand1 = XOrSP(n, width);
        var operand2 = ExtendReg(m, option, (int)imm3, width);
        if (sub)
            operand2 = Not(operand2);
        var result = AddWithCarry(operand1, operand2, ir.U1(sub), setFlags);
        if (setFlags)
            X(d, result);
        else
            XOrSP(d, result);
    }

    // Add/subtract (with carry).
    [Handler] void ADC(uint z, uint m, uint n, uint d) => AddSubCarry(z, m, n, d, sub: false, setFlags: false);
    [Handler] void ADCS(uint z, uint m, uint n, uint d) => AddSubCarry(z, m, n, d, sub: false, setFlags: true);
    [Handler] void SBC(uint z, uint m, uint n, uint d) => AddSubCarry(z, m, n, d, sub: true, setFlags: false);
    [Handler] void SBCS(uint z, uint m, uint n, uint d) => AddSubCarry(z, m, n, d, sub: true, setFlags: true);

    void AddSubCarry(uint sf, uint m, uint n, uint d, bool sub, bool setFlags)
    {
        int width = Width(sf);
        var operand2 = X(m, width);
        if (sub)
            operand2 = Not(operand2);
        X(d, AddWithCarry(X(n, width), operand2, CarryFlag(), setFlags));
    }

    // Conditional compare: the flags of the comparison if the condition holds, else the nzcv immediate.
    [Handler] void CCMN_reg(uint z, uint m, uint c, uint n, uint f) => ConditionalCompare(z, X(m, Width(z)), c, n, f, sub: false);
    [Handler] void CCMP_reg(uint z, uint m, uint c, uint n, uint f) => ConditionalCompare(z, X(m, Width(z)), c, n, f, sub: true);
    [Handler] void CCMN_imm(uint z, uint i, uint c, uint n, uint f) => ConditionalCompare(z, Const(Width(z), i), c, n, f, sub: false);
    [Handler] void CCMP_imm(uint z, uint i, uint c, uint n, uint f) => ConditionalCompare(z, Const(Width(z), i), c, n, f, sub: true);

    void ConditionalCompare(uint sf, Inst operand2, uint cond, uint n, uint nzcv, bool sub)
    {
        var operand1 = X(n, Width(sf));
        if (sub)
            operand2 = Not(operand2);
        var holds = ConditionHolds(cond);
        var compared = ir.Emit(sf == 1 ? Opcode.AddCarryFlags64 : Opcode.AddCarryFlags32, operand1, operand2, ir.U1(sub));
        Nzcv(Select(holds, compared, ir.Const(IrType.Nzcv, (ulong)nzcv << 28)));
    }

    // Conditional select.
    [Handler] void CSEL(uint z, uint m, uint c, uint n, uint d) => ConditionalSelect(z, m, c, n, d, v => v);
    [Handler] void CSINC(uint z, uint m, uint c, uint n, uint d) => ConditionalSelect(z, m, c, n, d, v => Add(v, Const(v.Type, 1)));
    [Handler] void CSINV(uint z, uint m, uint c, uint n, uint d) => ConditionalSelect(z, m, c, n, d, Not);
    [Handler] void CSNEG(uint z, uint m, uint c, uint n, uint d) => ConditionalSelect(z, m, c, n, d, v => Sub(Const(v.Type, 0), v));

    void ConditionalSelect(uint sf, uint m, uint cond, uint n, uint d, Func<Inst, Inst> elseOp)
    {
        int width = Width(sf);
        var holds = ConditionHolds(cond);
        X(d, Select(holds, X(n, width), elseOp(X(m, width))));
    }
}
