using A64Jit.IR;
using A64Jit.IR.Semantics;
using static Iced.Intel.AssemblerRegisters;

namespace A64Jit.Backend.X64;

/// <summary>
/// Advanced SIMD operations that combine lanes: pairwise ADDP/MAXP/MINP (the lane operation on the
/// unzipped even and odd lanes), the across-lanes reductions ADDV/MAXV/MINV/ADDLV (halving the vector
/// until one lane is left), the add-long-pairwise SADDLP/UADDLP, the dot products SDOT/UDOT (pmaddwd on
/// widened bytes) and the 64-bit polynomial multiply PMULL (pclmulqdq).
/// </summary>
public sealed partial class X64Compiler
{
    static VecOp PairwiseLaneOp(VecOp op) => op switch
    {
        VecOp.AddP or VecOp.AddV or VecOp.SAddLV or VecOp.UAddLV => VecOp.Add,
        VecOp.SMaxP or VecOp.SMaxV => VecOp.SMax,
        VecOp.SMinP or VecOp.SMinV => VecOp.SMin,
        VecOp.UMaxP or VecOp.UMaxV => VecOp.UMax,
        _ => VecOp.UMin,
    };

    static bool CanPairwise(VecOp op, int n) => CanLaneBinary(PairwiseLaneOp(op), n);

    static bool CanReduce(VecOp op, int n) => op is VecOp.SAddLV or VecOp.UAddLV ? n < 64 : CanLaneBinary(PairwiseLaneOp(op), n);

    /// <summary>ADDP, SMAXP, ...: lane i of the result combines lanes 2i and 2i+1 of op2:op1.</summary>
    void EmitPairwise(Inst inst, SimdAux aux)
    {
        int n = aux.ESize, bits = n * aux.Lanes;
        LoadVector(xmm0, inst.Args[0]);
        LoadVector(xmm1, inst.Args[1]);
        if (bits == 64)
        {
            asm.punpcklqdq(xmm0, xmm1);
            asm.movdqa(xmm1, xmm0);
        }
        asm.movdqa(xmm2, xmm0);
        asm.movdqa(xmm3, xmm1);
        Unzip(n, odd: false, xmm0, xmm1);
        Unzip(n, odd: true, xmm2, xmm3);
        LaneBinary(PairwiseLaneOp((VecOp)aux.Op), n, xmm0, xmm2);
        StoreVector(inst, bits);
    }

    static readonly bool HostPopcnt = HostFeatures.Popcnt;

    /// <summary>
    /// The popcount idiom compilers emit for a 64-bit value (CNT Vd.8B then ADDV Bd, Vd.8B): the value the
    /// CNT counts, when <paramref name="reduce"/> is that ADDV and the host has POPCNT.
    /// </summary>
    static Inst? PopCountOperand(Inst reduce)
    {
        if (!HostPopcnt || reduce.Op != Opcode.VecUnary)
            return null;
        var sum = SimdAux.Unpack(reduce.Aux);
        if ((VecOp)sum.Op != VecOp.AddV || sum.ESize != 8 || sum.Lanes != 8)
            return null;
        var count = reduce.Args[0];
        if (count.Op != Opcode.VecUnary)
            return null;
        var cnt = SimdAux.Unpack(count.Aux);
        return (VecOp)cnt.Op == VecOp.Cnt && cnt.ESize == 8 && cnt.Lanes == 8 ? count.Args[0] : null;
    }

    /// <summary>
    /// Planned before register allocation: a CNT.8B whose only reader is the ADDV of the popcount idiom is
    /// not computed on its own; the ADDV counts its operand with one popcnt (<see cref="FoldedOperands"/>
    /// keeps that operand live up to it).
    /// </summary>
    void PlanPopCountFusion(Dictionary<Inst, int> uses)
    {
        foreach (var inst in block.Insts)
        {
            if (PopCountOperand(inst) is not null && uses.GetValueOrDefault(inst.Args[0]) == 1)
            {
                foldedValues.Add(inst.Args[0]);
                popCounts.Add(inst);
            }
        }
    }

    readonly HashSet<Inst> popCounts = new(ReferenceEqualityComparer.Instance);

    /// <summary>ADDV, SMAXV, ..., SADDLV, UADDLV: the result in lane 0 (ESize bits, twice that for the long sums).</summary>
    void EmitReduce(Inst inst, SimdAux aux)
    {
        var op = (VecOp)aux.Op;
        int n = aux.ESize, bits = n * aux.Lanes;
        if (popCounts.Contains(inst))
        {
            Load(rax, PopCountOperand(inst)!);
            asm.popcnt(rax, rax);
            asm.mov(Slot(inst), rax);
            asm.mov(SlotHigh(inst), 0);
            return;
        }
        LoadVector(xmm0, inst.Args[0]);
        if (op is VecOp.SAddLV or VecOp.UAddLV)
        {
            // Widen first (both halves, added), then sum the wide lanes.
            bool signed = op == VecOp.SAddLV;
            if (bits == 128)
            {
                asm.movdqa(xmm2, xmm0);
                Widen(xmm2, n, signed, high: true);
            }
            Widen(xmm0, n, signed, high: false);
            n *= 2;
            if (bits == 128)
                Sse(PAdd.For(n), xmm0, xmm2);
            bits = 128;
        }
        for (int step = bits / 16; step >= n / 8; step /= 2)
        {
            asm.movdqa(xmm1, xmm0);
            asm.psrldq(xmm1, (byte)step);
            LaneBinary(PairwiseLaneOp(op), n, xmm0, xmm1);
        }
        StoreVector(inst, n);
    }

    /// <summary>SADDLP/UADDLP: each pair of n-bit lanes, extended, summed into a 2n-bit lane.</summary>
    void EmitAddLongPairwise(Inst inst, SimdAux aux)
    {
        int n = aux.ESize;
        bool signed = (VecOp)aux.Op == VecOp.SAddLP;
        LoadVector(xmm0, inst.Args[0]);
        asm.movdqa(xmm1, xmm0);
        // Even lanes: up to the top of their pair and back down; odd lanes: down.
        ShiftLeft(xmm0, 2 * n, n);
        foreach (var r in new[] { xmm0, xmm1 })
        {
            if (signed)
                ShiftRightArithmetic(r, 2 * n, n);
            else
                ShiftRightLogical(r, 2 * n, n);
        }
        Sse(PAdd.For(2 * n), xmm0, xmm1);
        StoreVector(inst, 2 * n * aux.Lanes);
    }

    /// <summary>
    /// SDOT/UDOT (without the accumulation): bytes widened to words, pmaddwd sums adjacent products into
    /// doublewords, and the even and odd doublewords are added: each 32-bit lane sums four products.
    /// </summary>
    void EmitDot(Inst inst, SimdAux aux)
    {
        bool signed = (VecOp)aux.Op == VecOp.SDot;
        LoadVector(xmm0, inst.Args[0]);
        LoadVector(xmm1, inst.Args[1]);
        asm.movdqa(xmm2, xmm0);
        asm.movdqa(xmm3, xmm1);
        Widen(xmm0, 8, signed, high: false);
        Widen(xmm1, 8, signed, high: false);
        Widen(xmm2, 8, signed, high: true);
        Widen(xmm3, 8, signed, high: true);
        asm.pmaddwd(xmm0, xmm1);
        asm.pmaddwd(xmm2, xmm3);
        asm.movdqa(xmm1, xmm0);
        asm.shufps(xmm0, xmm2, 0x88);
        asm.shufps(xmm1, xmm2, 0xDD);
        asm.paddd(xmm0, xmm1);
        StoreVector(inst, 32 * aux.Lanes);
    }

    /// <summary>PMULL/PMULL2 of 64-bit lanes: the 128-bit carry-less product.</summary>
    void EmitPolyMulLong(Inst inst)
    {
        LoadVector(xmm0, inst.Args[0]);
        LoadVector(xmm1, inst.Args[1]);
        asm.pclmulqdq(xmm0, xmm1, 0x00);
        StoreVector(inst, 128);
    }
}
