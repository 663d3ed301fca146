using A64Jit.IR;

namespace A64Jit.Frontend.Lifting;

// C4.1.88 Loads and Stores: load/store register (unscaled immediate, immediate post-indexed,
// unprivileged, immediate pre-indexed, unsigned immediate, register offset), and the helpers the other
// load/store files share. As in the pseudocode, every memory read happens before the first register
// write (a fault leaves the registers as they were), and writeback comes after the access.
public sealed partial class Lifter
{
    /// <summary>The addressing forms: plain offset, pre-indexed (writeback of the offset address), post-indexed.</summary>
    enum Indexing { Offset, Pre, Post }

    /// <summary>The MemoryBarrier Aux of a full barrier: the CRm option of DMB SY.</summary>
    const ulong FullBarrier = 0xF;

    void Barrier() => ir.EmitWithAux(Opcode.MemoryBarrier, FullBarrier);

    /// <summary>
    /// The base and access address of an indexed access: X[n] or SP when n is 31 (pseudocode
    /// "if n == 31 then address = SP[] else address = X[n]"), plus the offset unless post-indexed.
    /// </summary>
    (Inst Access, Inst Updated) IndexedAddress(uint n, Inst offset, Indexing indexing)
    {
        var baseAddress = XOrSP(n, 64);
        var updated = Add(baseAddress, offset);
        return (indexing == Indexing.Post ? baseAddress : updated, updated);
    }

    /// <summary>Writeback of the base register after the access (SP when n is 31).</summary>
    void WriteBack(uint n, Inst updated, Indexing indexing)
    {
        if (indexing != Indexing.Offset)
            XOrSP(n, updated);
    }

    /// <summary>
    /// Mem[address, bytes] read and extended as the load's opc says: zero-extended, sign-extended to 64
    /// bits, or (<paramref name="to32"/>) sign-extended to 32 bits and then zero-extended into X.
    /// </summary>
    Inst LoadExtended(Inst address, int bytes, bool signed, bool to32)
    {
        var value = Mem(address, bytes);
        if (!signed)
            return value;
        var extended = SignExtendFrom(value, bytes * 8);
        return to32 ? ir.Emit(Opcode.ZeroExtend32To64, Truncate(extended, 32)) : extended;
    }

    /// <summary>A 1/2/4/8/16-byte SIMD&amp;FP load, zero-extended to the whole 128-bit register.</summary>
    Inst LoadVector(Inst address, int bytes)
    {
        var value = Mem(address, bytes);
        return bytes == 16 ? value : ir.Emit(Opcode.Pack128, value, ir.U64(0));
    }

    enum GprAccess { Store, Load, LoadSigned64, LoadSigned32 }

    /// <summary>The shared body of the general-register loads and stores of one register.</summary>
    void LoadStoreGpr(int bytes, GprAccess access, uint t, uint n, Inst offset, Indexing indexing)
    {
        var (address, updated) = IndexedAddress(n, offset, indexing);
        if (access == GprAccess.Store)
            Mem(address, bytes, X(t, 64));
        else
            X(t, LoadExtended(address, bytes, access != GprAccess.Load, access == GprAccess.LoadSigned32));
        WriteBack(n, updated, indexing);
    }

    /// <summary>The shared body of the SIMD&amp;FP register loads and stores (B, H, S, D, Q).</summary>
    void LoadStoreSimdRegister(int bytes, bool load, uint t, uint n, Inst offset, Indexing indexing)
    {
        var (address, updated) = IndexedAddress(n, offset, indexing);
        if (load)
            V(t, LoadVector(address, bytes));
        else
            Mem(address, bytes, V(t));
        WriteBack(n, updated, indexing);
    }

    static GprAccess Signed(uint c) => c == 1 ? GprAccess.LoadSigned32 : GprAccess.LoadSigned64;

    /// <summary>The log2 of the SIMD&amp;FP access size: opc&lt;1&gt;:size (Q is 4).</summary>
    static int SimdScale(uint z, uint x) => x == 1 ? 4 : (int)z;

    Inst Imm9(uint i) => ir.U64((ulong)SignExtend(i, 9));
    Inst Imm12(uint i, int scale) => ir.U64((ulong)i << scale);
    Inst RegisterOffset(uint m, uint o, bool S, int scale) => ExtendReg(m, o, S ? scale : 0, 64);

    // Unsigned immediate offset.
    [Handler] void STR_imm(uint z, uint i, uint n, uint t) => LoadStoreGpr(1 << (int)z, GprAccess.Store, t, n, Imm12(i, (int)z), Indexing.Offset);
    [Handler] void LDR_imm(uint z, uint i, uint n, uint t) => LoadStoreGpr(1 << (int)z, GprAccess.Load, t, n, Imm12(i, (int)z), Indexing.Offset);
    [Handler] void LDRS_imm(uint z, uint c, uint i, uint n, uint t) => LoadStoreGpr(1 << (int)z, Signed(c), t, n, Imm12(i, (int)z), Indexing.Offset);
    /// <summary>Prefetch is a hint: it does nothing, and never faults.</summary>
    [Handler] void PRFM_imm(uint i, uint n, uint t) { }

    // Unscaled immediate offset.
    [Handler] void STUR(uint z, uint i, uint n, uint t) => LoadStoreGpr(1 << (int)z, GprAccess.Store, t, n, Imm9(i), Indexing.Offset);
    [Handler] void LDUR(uint z, uint i, uint n, uint t) => LoadStoreGpr(1 << (int)z, GprAccess.Load, t, n, Imm9(i), Indexing.Offset);
    [Handler] void LDURS(uint z, uint c, uint i, uint n, uint t) => LoadStoreGpr(1 << (int)z, Signed(c), t, n, Imm9(i), Indexing.Offset);
    [Handler] void PRFUM(uint i, uint n, uint t) { }

    // Immediate post-indexed and pre-indexed. With Rn == Rt (CONSTRAINED UNPREDICTABLE) the writeback wins, as in QEMU.
    [Handler] void STR_post(uint z, uint i, uint n, uint t) => LoadStoreGpr(1 << (int)z, GprAccess.Store, t, n, Imm9(i), Indexing.Post);
    [Handler] void LDR_post(uint z, uint i, uint n, uint t) => LoadStoreGpr(1 << (int)z, GprAccess.Load, t, n, Imm9(i), Indexing.Post);
    [Handler] void LDRS_post(uint z, uint c, uint i, uint n, uint t) => LoadStoreGpr(1 << (int)z, Signed(c), t, n, Imm9(i), Indexing.Post);
    [Handler] void STR_pre(uint z, uint i, uint n, uint t) => LoadStoreGpr(1 << (int)z, GprAccess.Store, t, n, Imm9(i), Indexing.Pre);
    [Handler] void LDR_pre(uint z, uint i, uint n, uint t) => LoadStoreGpr(1 << (int)z, GprAccess.Load, t, n, Imm9(i), Indexing.Pre);
    [Handler] void LDRS_pre(uint z, uint c, uint i, uint n, uint t) => LoadStoreGpr(1 << (int)z, Signed(c), t, n, Imm9(i), Indexing.Pre);

    // Unprivileged (AccType_UNPRIV): checked as EL0 accesses, PAN not applied (the kernel's user copies).
    // In user mode these are the ordinary accesses.
    [Handler] void STTR(uint z, uint i, uint n, uint t) => LoadStoreUnprivileged(1 << (int)z, GprAccess.Store, t, n, i);
    [Handler] void LDTR(uint z, uint i, uint n, uint t) => LoadStoreUnprivileged(1 << (int)z, GprAccess.Load, t, n, i);
    [Handler] void LDTRS(uint z, uint c, uint i, uint n, uint t) => LoadStoreUnprivileged(1 << (int)z, Signed(c), t, n, i);

    void LoadStoreUnprivileged(int bytes, GprAccess access, uint t, uint n, uint imm9)
    {
        var (address, _) = IndexedAddress(n, Imm9(imm9), Indexing.Offset);
        CheckAlignment(address, bytes, write: access == GprAccess.Store);
        if (access == GprAccess.Store)
        {
            ir.EmitWithAux(Opcode.StoreUnprivileged, (ulong)bytes, address, X(t, 64));
            return;
        }
        var value = ir.EmitWithAux(Opcode.LoadUnprivileged, (ulong)bytes, address);
        if (access == GprAccess.Load)
        {
            X(t, value);
            return;
        }
        var extended = SignExtendFrom(value, bytes * 8);
        X(t, access == GprAccess.LoadSigned32 ? ir.Emit(Opcode.ZeroExtend32To64, Truncate(extended, 32)) : extended);
    }

    // Register offset: ExtendReg(m, option, S ? size : 0).
    [Handler] void STR_reg(uint z, uint m, uint o, bool S, uint n, uint t) => LoadStoreGpr(1 << (int)z, GprAccess.Store, t, n, RegisterOffset(m, o, S, (int)z), Indexing.Offset);
    [Handler] void LDR_reg(uint z, uint m, uint o, bool S, uint n, uint t) => LoadStoreGpr(1 << (int)z, GprAccess.Load, t, n, RegisterOffset(m, o, S, (int)z), Indexing.Offset);
    [Handler] void LDRS_reg(uint z, uint c, uint m, uint o, bool S, uint n, uint t) => LoadStoreGpr(1 << (int)z, Signed(c), t, n, RegisterOffset(m, o, S, (int)z), Indexing.Offset);
    [Handler] void PRFM_reg(uint m, uint o, bool S, uint n, uint t) { }
}
