using A64Jit.IR;

namespace A64Jit.Frontend.Lifting;

// C4.1.86 Data Processing -- Immediate: PC-relative addressing, add/subtract, logical,
// move wide, bitfield and extract.
public sealed partial class Lifter
{
    [Handler] void ADR(uint l, uint h, uint d) =>
        X(d, ir.U64(pc + (ulong)SignExtend((h << 2) | l, 21)));

    [Handler] void ADRP(uint l, uint h, uint d) =>
        X(d, ir.U64((pc & ~0xFFFUL) + (ulong)(SignExtend((h << 2) | l, 21) << 12)));

    [Handler] void ADD_imm(uint z, uint h, uint i, uint n, uint d) => AddSubImmediate(z, h, i, n, d, sub: false, setFlags: false);
    [Handler] void ADDS_imm(uint z, uint h, uint i, uint n, uint d) => AddSubImmediate(z, h, i, n, d, sub: false, setFlags: true);
    [Handler] void SUB_imm(uint z, uint h, uint i, uint n, uint d) => AddSubImmediate(z, h, i, n, d, sub: true, setFlags: false);
    [Handler] void SUBS_imm(uint z, uint h, uint i, uint n, uint d) => AddSubImmediate(z, h, i, n, d, sub: true, setFlags: true);

    void AddSubImmediate(uint sf, uint shift, uint imm12, uint n, uint d, bool sub, bool setFlags)
    {
        int width = sf == 1 ? 64 : 32;
        ulong imm = (ulong)imm12 << (shift == 1 ? 12 : 0);
        var operand1 = XOrSP(n, width);
        // SUB is AddWithCarry(x, NOT(imm), 1).
        var operand2 = Const(width, sub ? ~imm : imm);
        var result = AddWithCarry(operand1, operand2, ir.U1(sub), setFlags);
        if (setFlags)
            X(d, result);
        else
            XOrSP(d, result);
    }

    [Handler] void AND_imm(uint z, uint N, uint r, uint s, uint n, uint d) => LogicalImmediate(z, N, r, s, n, d, Opcode.And64, false);
    [Handler] void ORR_imm(uint z, uint N, uint r, uint s, uint n, uint d) => LogicalImmediate(z, N, r, s, n, d, Opcode.Or64, false);
    [Handler] void EOR_imm(uint z, uint N, uint r, uint s, uint n, uint d) => LogicalImmediate(z, N, r, s, n, d, Opcode.Xor64, false);
    [Handler] void ANDS_imm(uint z, uint N, uint r, uint s, uint n, uint d) => LogicalImmediate(z, N, r, s, n, d, Opcode.And64, true);

    void LogicalImmediate(uint sf, uint bigN, uint immr, uint imms, uint n, uint d, Opcode op64, bool setFlags)
    {
        int width = sf == 1 ? 64 : 32;
        var masks = DecodeBitMasks(bigN, imms, immr, immediate: true, width);
        if (masks is null)
        {
            Undefined();
            return;
        }
        var operand = X(n, width);
        var imm = Const(width, masks.Value.WMask);
        var result = op64 switch
        {
            Opcode.And64 => And(operand, imm),
            Opcode.Or64 => Or(operand, imm),
            _ => Xor(operand, imm),
        };
        if (setFlags)
        {
            Nzcv(LogicFlags(result));
            X(d, result);
        }
        else
        {
            XOrSP(d, result);
        }
    }

    [Handler] void MOVN(uint z, uint h, uint i, uint d) => X(d, Const(z == 1 ? 64 : 32, ~((ulong)i << (int)(h * 16))));
    [Handler] void MOVZ(uint z, uint h, uint i, uint d) => X(d, Const(z == 1 ? 64 : 32, (ulong)i << (int)(h * 16)));

    [Handler]
    void MOVK(uint z, uint h, uint i, uint d)
    {
        int width = z == 1 ? 64 : 32;
        int pos = (int)(h * 16);
        var kept = And(X(d, width), Const(width, ~(0xFFFFUL << pos)));
        X(d, Or(kept, Const(width, (ulong)i << pos)));
    }

    [Handler] void SBFM(uint z, uint N, uint r, uint s, uint n, uint d) => Bitfield(z, N, r, s, n, d, inzero: true, extend: true);
    [Handler] void BFM(uint z, uint N, uint r, uint s, uint n, uint d) => Bitfield(z, N, r, s, n, d, inzero: false, extend: false);
    [Handler] void UBFM(uint z, uint N, uint r, uint s, uint n, uint d) => Bitfield(z, N, r, s, n, d, inzero: true, extend: false);

    /// <summary>The shared body of SBFM, BFM and UBFM, as in the pseudocode.</summary>
    void Bitfield(uint sf, uint bigN, uint immr, uint imms, uint n, uint d, bool inzero, bool extend)
    {
        int width = sf == 1 ? 64 : 32;
        var masks = DecodeBitMasks(bigN, imms, immr, immediate: false, width);
        if (masks is null)
        {
            Undefined();
            return;
        }
        var (wmask, tmask) = masks.Value;
        var dst = inzero ? Const(width, 0) : X(d, width);
        var src = X(n, width);
        // bot = (dst AND NOT(wmask)) OR (ROR(src, R) AND wmask)
        var rotated = immr == 0 ? src : Ror(src, Const(width, immr));
        var bot = Or(And(dst, Const(width, ~wmask)), And(rotated, Const(width, wmask)));
        // top = if extend then Replicate(src<S>) else dst
        Inst top;
        if (extend)
        {
            var bit = Lsl(src, Const(width, (ulong)(width - 1 - (int)imms)));
            top = Asr(bit, Const(width, (ulong)(width - 1)));
        }
        else
        {
            top = dst;
        }
        X(d, Or(And(top, Const(width, ~tmask)), And(bot, Const(width, tmask))));
    }

    [Handler]
    void EXTR(uint z, uint N, uint m, uint s, uint n, uint d)
    {
        int width = z == 1 ? 64 : 32;
        var low = X(m, width);
        var high = X(n, width);
        if (s == 0)
        {
            X(d, low);
            return;
        }
        // ROR (immediate) is EXTR with Rn == Rm: one rotate.
        var result = n == m
            ? Ror(low, Const(width, s))
            : Or(Lsr(low, Const(width, s)), Lsl(high, Const(width, (ulong)(width - (int)s))));
        X(d, result);
    }
}
