namespace A64Jit.IR.Semantics;

/// <summary>
/// The Aux word of the floating-point, Advanced SIMD and cryptography opcodes, packed as
/// bits 0-7 Op (an <see cref="FpOp"/>, <see cref="VecOp"/> or <see cref="CryptoOp"/>),
/// bits 8-15 ESize (element bits: 8, 16, 32, 64, 128),
/// bits 16-23 Lanes (elements computed; result bits above Lanes*ESize are zero, as Arm's
/// scalar and 64-bit vector forms need), bits 24-31 Mode (an <see cref="FpRounding"/>, or
/// <see cref="FromFpcr"/> for FPCR.RMode), bits 32-39 Imm (shift amount, fbits, lane index,
/// integer size), bits 40-47 Size2 (a second width: integer width, destination format),
/// bit 48 Flag (unsigned, or the operation's variant bit).
/// </summary>
public readonly record struct SimdAux(byte Op, int ESize, int Lanes, int Mode = SimdAux.FromFpcr, int Imm = 0, int Size2 = 0, bool Flag = false)
{
    public const int FromFpcr = 15;

    public ulong Pack() =>
        Op | ((ulong)(byte)ESize << 8) | ((ulong)(byte)Lanes << 16) | ((ulong)(byte)Mode << 24)
        | ((ulong)(byte)Imm << 32) | ((ulong)(byte)Size2 << 40) | (Flag ? 1UL << 48 : 0);

    public static SimdAux Unpack(ulong aux) => new(
        (byte)aux, (byte)(aux >> 8), (byte)(aux >> 16), (byte)(aux >> 24), (byte)(aux >> 32), (byte)(aux >> 40), ((aux >> 48) & 1) != 0);

    /// <summary>The rounding mode to use: the explicit one, or FPCR.RMode.</summary>
    public FpRounding Rounding(uint fpcr) => Mode == FromFpcr ? Fpscr.RMode(fpcr) : (FpRounding)Mode;
}

/// <summary>The operations of FpUnary, FpBinary, FpTernary, FpToInt and IntToFp (element-wise unless noted).</summary>
public enum FpOp : byte
{
    // FpUnary
    Sqrt, RoundInt, RoundIntExact, RoundInt32, RoundInt64, RecipEstimate, RSqrtEstimate, RecpX,
    /// <summary>To a same-size integer, Imm = fbits, Flag = unsigned.</summary>
    ToFixed,
    /// <summary>From a same-size integer, Imm = fbits, Flag = unsigned.</summary>
    FromFixed,
    /// <summary>Precision change: ESize is the source format, Size2 the destination; lanes are packed at Size2. Flag: a half-precision input honours FZ16 (FMLAL's operands; FCVT ignores it).</summary>
    Convert,
    CmEqZero, CmGeZero, CmGtZero, CmLeZero, CmLtZero, Abs, Neg,
    /// <summary>Reductions across Lanes (pseudocode Reduce), result in lane 0.</summary>
    MaxV, MinV, MaxNumV, MinNumV,
    /// <summary>Sum of the Lanes elements by Reduce (the scalar FADDP with Lanes = 2).</summary>
    AddV,

    // FpBinary
    Add, Sub, Mul, Div, Max, Min, MaxNum, MinNum, MulX, NMul, Abd, RecipStep, RSqrtStep,
    CmEq, CmGe, CmGt, AcGe, AcGt,
    /// <summary>Pairwise over the concatenation op2:op1, as ADDP and friends.</summary>
    AddP, MaxP, MinP, MaxNumP, MinNumP,

    // FpTernary (addend, op1, op2)
    MulAdd, MulSub, NMulAdd, NMulSub,
    /// <summary>FMLAL/FMLSL: single-precision addend lanes, half-precision op1/op2 lanes (lane i of each).</summary>
    MulAddH, MulSubH,
}

/// <summary>The operations of VecUnary, VecBinary, VecSatUnary, VecSatBinary (integer lanes of ESize bits).</summary>
public enum VecOp : byte
{
    // VecUnary
    Not, Neg, Abs, Cnt, Clz, Cls, Rbit,
    /// <summary>Reverse the ESize elements inside each container of Imm bits.</summary>
    Rev,
    /// <summary>Shifts by Imm (0..ESize).</summary>
    ShlImm, UShrImm, SShrImm, URShrImm, SRShrImm,
    /// <summary>Narrow: the low half of each ESize lane, packed into the low 64 bits.</summary>
    Narrow,
    /// <summary>Widen the low Lanes elements of ESize bits to 2*ESize (signed unless Flag... see SWiden/UWiden).</summary>
    SWiden, UWiden,
    /// <summary>Reductions across Lanes; result (of ESize bits, or 2*ESize for the long ones) in lane 0.</summary>
    AddV, SMaxV, SMinV, UMaxV, UMinV, SAddLV, UAddLV,
    /// <summary>Pairwise add long: ESize pairs to 2*ESize lanes.</summary>
    SAddLP, UAddLP,
    CmEqZero, CmGeZero, CmGtZero, CmLeZero, CmLtZero,
    /// <summary>Lane Imm of ESize bits duplicated into Lanes lanes.</summary>
    DupElement,
    /// <summary>Unsigned reciprocal and reciprocal square root estimates of 32-bit lanes (URECPE, URSQRTE).</summary>
    URecpe, URSqrte,

    // VecBinary
    Add, Sub, Mul, And, Bic, Orr, Orn, Eor,
    CmEq, CmGt, CmGe, CmHi, CmHs, CmTst,
    SMax, SMin, UMax, UMin, SAbd, UAbd, SHAdd, UHAdd, SRHAdd, URHAdd, SHSub, UHSub,
    SShl, UShl, SRShl, URShl,
    AddP, SMaxP, SMinP, UMaxP, UMinP,
    Zip1, Zip2, Uzp1, Uzp2, Trn1, Trn2,
    PMul,
    /// <summary>Polynomial multiply long of the low Lanes ESize elements into 2*ESize lanes.</summary>
    PMull,
    /// <summary>EXT: bytes Imm.. of op2:op1.</summary>
    Ext,
    /// <summary>Shift right and insert (SRI) / left and insert (SLI): op1 is the destination, op2 the source, Imm the shift.</summary>
    Sri, Sli,
    /// <summary>Dot product of byte quadruples into 32-bit lanes (SDOT, UDOT), not accumulated.</summary>
    SDot, UDot,

    // VecSatUnary / VecSatBinary (set FPSR.QC on saturation)
    SQAbs, SQNeg,
    /// <summary>Saturating narrows of ESize lanes to ESize/2: signed to signed, unsigned to unsigned, signed to unsigned.</summary>
    SQXtn, UQXtn, SQXtun,
    SQAdd, UQAdd, SQSub, UQSub, SQShl, UQShl, SQRShl, UQRShl, SQDMulH, SQRDMulH,
    /// <summary>Saturating shift left by Imm: signed, unsigned, signed to unsigned.</summary>
    SQShlImm, UQShlImm, SQShluImm,
    SUQAdd, USQAdd,
    /// <summary>Signed saturating doubling multiply long of the low Lanes elements into 2*ESize lanes.</summary>
    SQDMull,
    SQRDMlah, SQRDMlsh,
}

/// <summary>The operations of CryptoUnary, CryptoBinary and CryptoTernary.</summary>
public enum CryptoOp : byte
{
    AesE, AesD, AesMC, AesIMC,
    Sha1C, Sha1P, Sha1M, Sha1Su0, Sha1H, Sha1Su1,
    Sha256H, Sha256H2, Sha256Su0, Sha256Su1,
    Sha512H, Sha512H2, Sha512Su0, Sha512Su1,
    Rax1, Xar, Eor3, Bcax,
}
