namespace A64Jit.IR;

using static IrType;
using static Effects;

/// <summary>
/// Every IR operation, declared once with its types and effects (see <see cref="OpAttribute"/>).
/// Sections are grouped by family; each family's semantics live in the matching IrInterpreter file.
/// Width-specific integer operations carry the width in their name (Add32, Add64), as in dynarmic.
/// </summary>
public enum Opcode : ushort
{
    // ---- Constants and markers ------------------------------------------------------------
    [Op(Any, Aux = "imm")] Const,
    /// <summary>Start of a guest instruction; Aux is its address. Faults report this PC.</summary>
    [Op(Void, Effects = Marker, Aux = "pc")] InstStart,

    // ---- Guest register state --------------------------------------------------------------
    [Op(U64, Effects = ReadsGuestState, Aux = "reg")] GetX,
    [Op(Void, U64, Effects = WritesGuestState, Aux = "reg")] SetX,
    [Op(U64, Effects = ReadsGuestState)] GetSp,
    [Op(Void, U64, Effects = WritesGuestState)] SetSp,
    [Op(Nzcv, Effects = ReadsGuestState)] GetNzcv,
    [Op(Void, Nzcv, Effects = WritesGuestState)] SetNzcv,
    [Op(U128, Effects = ReadsGuestState, Aux = "reg")] GetV,
    [Op(Void, U128, Effects = WritesGuestState, Aux = "reg")] SetV,
    /// <summary>MRS through the system-register slow path; Aux is the packed encoding (op0:op1:CRn:CRm:op2).</summary>
    [Op(U64, Effects = ReadsGuestState | MayRaise, Aux = "sysreg")] ReadSysReg,
    /// <summary>MSR / SYS through the system-register slow path; Aux is the packed encoding.</summary>
    [Op(Void, U64, Effects = WritesGuestState | MayRaise, Aux = "sysreg")] WriteSysReg,
    /// <summary>An MRS lowered to its storage (it cannot trap under the block's translation key); Aux is the slot.</summary>
    [Op(U64, Effects = ReadsGuestState, Aux = "slot")] GetSysRegSlot,
    /// <summary>An MSR lowered to its storage; Aux is the slot.</summary>
    [Op(Void, U64, Effects = WritesGuestState, Aux = "slot")] SetSysRegSlot,
    /// <summary>Profiling: adds one to a counter (Aux is its index); present only when profiling is on.</summary>
    [Op(Void, Effects = WritesGuestState, Aux = "counter")] Count,

    // ---- Integer arithmetic and logic ----------------------------------------------------
    [Op(U32, U32, U32)] Add32,
    [Op(U64, U64, U64)] Add64,
    [Op(U32, U32, U32)] Sub32,
    [Op(U64, U64, U64)] Sub64,
    /// <summary>a + b + carry: the value half of AddWithCarry().</summary>
    [Op(U32, U32, U32, U1)] AddCarry32,
    [Op(U64, U64, U64, U1)] AddCarry64,
    /// <summary>The flags half of AddWithCarry(a, b, carry).</summary>
    [Op(Nzcv, U32, U32, U1)] AddCarryFlags32,
    [Op(Nzcv, U64, U64, U1)] AddCarryFlags64,
    /// <summary>The flags of a - b, AddWithCarry(a, NOT b, 1): what SUBS and CMP set (from the simplification pass).</summary>
    [Op(Nzcv, U32, U32)] SubFlags32,
    [Op(Nzcv, U64, U64)] SubFlags64,
    /// <summary>N and Z from the result, C and V clear: the flags of ANDS and BICS.</summary>
    [Op(Nzcv, U32)] LogicFlags32,
    [Op(Nzcv, U64)] LogicFlags64,
    [Op(U32, U32, U32)] And32,
    [Op(U64, U64, U64)] And64,
    [Op(U32, U32, U32)] Or32,
    [Op(U64, U64, U64)] Or64,
    [Op(U32, U32, U32)] Xor32,
    [Op(U64, U64, U64)] Xor64,
    [Op(U32, U32)] Not32,
    [Op(U64, U64)] Not64,
    /// <summary>Shifts take the amount modulo the width, as LSLV/LSRV/ASRV/RORV do.</summary>
    [Op(U32, U32, U32)] Lsl32,
    [Op(U64, U64, U64)] Lsl64,
    [Op(U32, U32, U32)] Lsr32,
    [Op(U64, U64, U64)] Lsr64,
    [Op(U32, U32, U32)] Asr32,
    [Op(U64, U64, U64)] Asr64,
    [Op(U32, U32, U32)] Ror32,
    [Op(U64, U64, U64)] Ror64,
    [Op(U32, U32, U32)] Mul32,
    [Op(U64, U64, U64)] Mul64,
    [Op(U64, U64, U64)] UMulHigh64,
    [Op(U64, U64, U64)] SMulHigh64,
    /// <summary>Division with Arm semantics: x / 0 = 0, INT_MIN / -1 = INT_MIN.</summary>
    [Op(U32, U32, U32)] UDiv32,
    [Op(U64, U64, U64)] UDiv64,
    [Op(U32, U32, U32)] SDiv32,
    [Op(U64, U64, U64)] SDiv64,
    [Op(U32, U32)] Clz32,
    [Op(U64, U64)] Clz64,
    [Op(U32, U32)] Cls32,
    [Op(U64, U64)] Cls64,
    [Op(U32, U32)] Rbit32,
    [Op(U64, U64)] Rbit64,
    /// <summary>Reverse the bytes of the whole value (REV).</summary>
    [Op(U32, U32)] ByteReverse32,
    [Op(U64, U64)] ByteReverse64,
    /// <summary>Reverse the bytes inside each 16-bit halfword (REV16).</summary>
    [Op(U32, U32)] ByteReverseHalves32,
    [Op(U64, U64)] ByteReverseHalves64,
    /// <summary>Reverse the bytes inside each 32-bit word (REV32).</summary>
    [Op(U64, U64)] ByteReverseWords64,
    [Op(U32, U32, U64, Aux = "kind")] Crc32,

    // ---- Comparisons and selection ---------------------------------------------------------
    [Op(U1, U32, U32)] Eq32,
    [Op(U1, U64, U64)] Eq64,
    [Op(U1, U64, U64)] ULessThan64,
    [Op(U1, U64, U64)] SLessThan64,
    [Op(U1, U1)] NotU1,
    /// <summary>ConditionHolds(): Aux is the 4-bit condition code.</summary>
    [Op(U1, Nzcv, Aux = "cond")] ConditionHolds,
    [Op(Any, U1, Any, Any)] Select,

    // ---- Width changes ---------------------------------------------------------------------
    [Op(U64, U1)] ZeroExtend1To64,
    [Op(U32, U1)] ZeroExtend1To32,
    [Op(U32, U8)] ZeroExtend8To32,
    [Op(U32, U16)] ZeroExtend16To32,
    [Op(U64, U8)] ZeroExtend8To64,
    [Op(U64, U16)] ZeroExtend16To64,
    [Op(U64, U32)] ZeroExtend32To64,
    [Op(U32, U8)] SignExtend8To32,
    [Op(U32, U16)] SignExtend16To32,
    [Op(U64, U8)] SignExtend8To64,
    [Op(U64, U16)] SignExtend16To64,
    [Op(U64, U32)] SignExtend32To64,
    [Op(U8, U32)] Truncate32To8,
    [Op(U16, U32)] Truncate32To16,
    [Op(U8, U64)] Truncate64To8,
    [Op(U16, U64)] Truncate64To16,
    [Op(U32, U64)] Truncate64To32,
    /// <summary>The low 64 bits of a 128-bit value.</summary>
    [Op(U64, U128)] Low64,
    [Op(U64, U128)] High64,
    /// <summary>Pack(low, high) into 128 bits.</summary>
    [Op(U128, U64, U64)] Pack128,
    [Op(U32, Nzcv)] NzcvToU32,
    [Op(Nzcv, U32)] U32ToNzcv,

    // ---- Memory ----------------------------------------------------------------------------
    [Op(U8, U64, Effects = ReadsMemory | MayRaise)] Load8,
    [Op(U16, U64, Effects = ReadsMemory | MayRaise)] Load16,
    [Op(U32, U64, Effects = ReadsMemory | MayRaise)] Load32,
    [Op(U64, U64, Effects = ReadsMemory | MayRaise)] Load64,
    [Op(U128, U64, Effects = ReadsMemory | MayRaise)] Load128,
    [Op(Void, U64, U8, Effects = WritesMemory | MayRaise)] Store8,
    [Op(Void, U64, U16, Effects = WritesMemory | MayRaise)] Store16,
    [Op(Void, U64, U32, Effects = WritesMemory | MayRaise)] Store32,
    [Op(Void, U64, U64, Effects = WritesMemory | MayRaise)] Store64,
    [Op(Void, U64, U128, Effects = WritesMemory | MayRaise)] Store128,
    /// <summary>LDTR*: a load checked as an EL0 access (PAN does not apply); Aux is the size in bytes, the value zero-extended.</summary>
    [Op(U64, U64, Effects = ReadsMemory | ReadsGuestState | MayRaise, Aux = "size")] LoadUnprivileged,
    /// <summary>STTR*: a store checked as an EL0 access; Aux is the size in bytes.</summary>
    [Op(Void, U64, U64, Effects = WritesMemory | ReadsGuestState | MayRaise, Aux = "size")] StoreUnprivileged,
    /// <summary>Load-exclusive: loads (zero-extended) and arms the monitor. Aux is the size in bytes (1, 2, 4, 8).</summary>
    [Op(U64, U64, Effects = ReadsMemory | WritesGuestState | MayRaise, Aux = "size")] LoadExclusive,
    /// <summary>Load-exclusive of 16 bytes (LDXP of two X registers).</summary>
    [Op(U128, U64, Effects = ReadsMemory | WritesGuestState | MayRaise)] LoadExclusive128,
    /// <summary>Store-exclusive: 0 on success, 1 on failure. Aux is the size in bytes.</summary>
    [Op(U32, U64, U64, Effects = WritesMemory | ReadsGuestState | WritesGuestState | MayRaise, Aux = "size")] StoreExclusive,
    [Op(U32, U64, U128, Effects = WritesMemory | ReadsGuestState | WritesGuestState | MayRaise)] StoreExclusive128,
    [Op(Void, Effects = WritesGuestState)] ClearExclusive,
    /// <summary>Atomic read-modify-write returning the old value; Aux = AtomicOp | size-in-bytes &lt;&lt; 8.</summary>
    [Op(U64, U64, U64, Effects = ReadsMemory | WritesMemory | MayRaise, Aux = "atomic")] AtomicRmw,
    /// <summary>CAS(addr, expected, desired) returning the old value; Aux is the size in bytes.</summary>
    [Op(U64, U64, U64, U64, Effects = ReadsMemory | WritesMemory | MayRaise, Aux = "size")] CompareAndSwap,
    [Op(U128, U64, U128, U128, Effects = ReadsMemory | WritesMemory | MayRaise)] CompareAndSwap128,
    /// <summary>
    /// SCTLR_ELx.A: an alignment fault unless the address is a multiple of Aux bits 7..0 (the access size); Aux bit 8
    /// says the access is a write (for the syndrome's WnR). The lifter emits it before each access while checking is on.
    /// </summary>
    [Op(Void, U64, Effects = MayRaise, Aux = "size")] CheckAlignment,
    /// <summary>DC ZVA: zero the naturally aligned block containing the address; Aux is the encoding with Rt (for a trap's syndrome).</summary>
    [Op(Void, U64, Effects = WritesMemory | MayRaise, Aux = "sysreg")] ZeroBlock,
    [Op(Void, Effects = Barrier, Aux = "barrier")] MemoryBarrier,
    /// <summary>A cache-maintenance instruction by address (DC/IC); Aux is the packed encoding with Rt (<see cref="SysRegEncoding.WithRt"/>).</summary>
    [Op(Void, U64, Effects = Barrier | MayRaise, Aux = "sysreg")] CacheMaintenance,
    /// <summary>
    /// Load-acquire/store-release access (LDAR, LDAPR, LDAPUR, STLR, STLUR), zero-extended; Aux is the size in bytes.
    /// As with FEAT_LSE2, unaligned is allowed within a 16-byte block; crossing one is an alignment fault.
    /// </summary>
    [Op(U64, U64, Effects = ReadsMemory | MayRaise, Aux = "size")] LoadOrdered,
    [Op(Void, U64, U64, Effects = WritesMemory | MayRaise, Aux = "size")] StoreOrdered,

    // ---- Scalar floating point ---------------------------------------------------------------
    // Operands and results are IEEE bit patterns held in U128 vector registers: a scalar is lane 0
    // with Lanes = 1 (bits above it zero), so one opcode serves the scalar and vector forms.
    // Aux is a Semantics.SimdAux: Op = FpOp, ESize = 16/32/64, Lanes, Mode = rounding (15: FPCR.RMode),
    // Imm = fbits / integer size, Size2 = integer width or destination format, Flag = unsigned.
    // All read FPCR (DN, FZ, FZ16, RMode) and OR the cumulative exception bits into FPSR.
    /// <summary>Element-wise unary FP (FSQRT, FRINT*, FCVT*, compares with zero) and FP reductions.</summary>
    [Op(U128, U128, Effects = FpEnvironment, Aux = "fp")] FpUnary,
    /// <summary>Element-wise binary FP (FADD, FMUL, FMAX, FCMEQ, ...) and the pairwise forms.</summary>
    [Op(U128, U128, U128, Effects = FpEnvironment, Aux = "fp")] FpBinary,
    /// <summary>Fused multiply-add family: (addend, op1, op2).</summary>
    [Op(U128, U128, U128, U128, Effects = FpEnvironment, Aux = "fp")] FpTernary,
    /// <summary>FPCompare of lane 0 of each operand; Flag = signal on quiet NaNs (FCMPE).</summary>
    [Op(Nzcv, U128, U128, Effects = FpEnvironment, Aux = "fp")] FpCompare,
    /// <summary>FCCMP: FPCompare of lane 0 when the condition holds, else the flags Imm &lt;&lt; 28 (FPSR untouched).</summary>
    [Op(Nzcv, U1, U128, U128, Effects = FpEnvironment, Aux = "fp")] FpCondCompare,
    /// <summary>FPToFixed of lane 0 to a Size2-bit integer (zero-extended), Imm = fbits, Flag = unsigned.</summary>
    [Op(U64, U128, Effects = FpEnvironment, Aux = "fp")] FpToInt,
    /// <summary>FixedToFP of a Size2-bit integer into lane 0, Imm = fbits, Flag = unsigned.</summary>
    [Op(U128, U64, Effects = FpEnvironment, Aux = "fp")] IntToFp,
    /// <summary>FJCVTZS of lane 0 (a double): the 32-bit result in bits 31..0, the Z flag in bit 32.</summary>
    [Op(U64, U128, Effects = FpEnvironment)] FpToInt32Js,

    // ---- Advanced SIMD -----------------------------------------------------------------------
    // Vector operands are U128. Aux is a Semantics.SimdAux: Op = VecOp, ESize = element bits,
    // Lanes = elements computed (result bits above are zero: the 64-bit forms), Imm = shift or lane index.
    [Op(U128, U128, Aux = "vec")] VecUnary,
    [Op(U128, U128, U128, Aux = "vec")] VecBinary,
    /// <summary>Saturating operations: they set FPSR.QC when a lane saturates.</summary>
    [Op(U128, U128, Effects = FpEnvironment, Aux = "vec")] VecSatUnary,
    [Op(U128, U128, U128, Effects = FpEnvironment, Aux = "vec")] VecSatBinary,
    /// <summary>(accumulator, op1, op2): SQRDMLAH and SQRDMLSH.</summary>
    [Op(U128, U128, U128, U128, Effects = FpEnvironment, Aux = "vec")] VecSatTernary,
    /// <summary>
    /// TBL/TBX step (table0, table1, indices, fallback): each index byte in [Imm, Imm + Size2) selects byte
    /// index - Imm of table1:table0 (Size2 = 16 or 32 bytes), others keep the fallback byte. Lanes = 8 or 16.
    /// </summary>
    [Op(U128, U128, U128, U128, U128, Aux = "vec")] VecTableLookup,
    /// <summary>Lane Imm of ESize bits, zero-extended.</summary>
    [Op(U64, U128, Aux = "vec")] VecGetElement,
    /// <summary>The vector with lane Imm of ESize bits replaced by the low bits of the value.</summary>
    [Op(U128, U128, U64, Aux = "vec")] VecSetElement,
    /// <summary>The low ESize bits of the value in each of Lanes lanes.</summary>
    [Op(U128, U64, Aux = "vec")] VecDup,

    // ---- Cryptography ------------------------------------------------------------------------
    // Aux is a Semantics.SimdAux with Op = CryptoOp (Imm = XAR's rotation).
    [Op(U128, U128, Aux = "crypto")] CryptoUnary,
    [Op(U128, U128, U128, Aux = "crypto")] CryptoBinary,
    [Op(U128, U128, U128, U128, Aux = "crypto")] CryptoTernary,
}

/// <summary>The read-modify-write kinds of the LSE atomics (LDADD, LDCLR, LDEOR, LDSET, LD[SU]MAX/MIN, SWP).</summary>
public enum AtomicOp : byte
{
    Add,
    Clear,
    Xor,
    Set,
    SMax,
    SMin,
    UMax,
    UMin,
    Swap,
}
