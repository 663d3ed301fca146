using A64Jit.IR;

namespace A64Jit.Frontend.Lifting;

// C4.1.88 Loads and Stores: atomic memory operations (LSE: LDADD, LDCLR, LDEOR, LDSET, LD[SU]MAX,
// LD[SU]MIN, SWP; the ST* forms are the aliases with Rt = XZR), LDAPR (RCPC), and LDAPUR/STLUR (RCPC2).
public sealed partial class Lifter
{
    /// <summary>The shared body of the LSE read-modify-writes: Xt receives the old value (zero-extended).</summary>
    void AtomicMemoryOp(AtomicOp op, uint z, uint a, uint r, uint s, uint n, uint t)
    {
        var address = XOrSP(n, 64);
        var operand = X(s, 64);
        if (r == 1)
            Barrier();
        var old = ir.EmitWithAux(Opcode.AtomicRmw, (ulong)op | ((ulong)AccessBytes(z) << 8), address, operand);
        if (a == 1)
            Barrier();
        X(t, old);
    }

    [Handler] void LDADD(uint z, uint a, uint r, uint s, uint n, uint t) => AtomicMemoryOp(AtomicOp.Add, z, a, r, s, n, t);
    [Handler] void LDCLR(uint z, uint a, uint r, uint s, uint n, uint t) => AtomicMemoryOp(AtomicOp.Clear, z, a, r, s, n, t);
    [Handler] void LDEOR(uint z, uint a, uint r, uint s, uint n, uint t) => AtomicMemoryOp(AtomicOp.Xor, z, a, r, s, n, t);
    [Handler] void LDSET(uint z, uint a, uint r, uint s, uint n, uint t) => AtomicMemoryOp(AtomicOp.Set, z, a, r, s, n, t);
    [Handler] void LDSMAX(uint z, uint a, uint r, uint s, uint n, uint t) => AtomicMemoryOp(AtomicOp.SMax, z, a, r, s, n, t);
    [Handler] void LDSMIN(uint z, uint a, uint r, uint s, uint n, uint t) => AtomicMemoryOp(AtomicOp.SMin, z, a, r, s, n, t);
    [Handler] void LDUMAX(uint z, uint a, uint r, uint s, uint n, uint t) => AtomicMemoryOp(AtomicOp.UMax, z, a, r, s, n, t);
    [Handler] void LDUMIN(uint z, uint a, uint r, uint s, uint n, uint t) => AtomicMemoryOp(AtomicOp.UMin, z, a, r, s, n, t);
    [Handler] void SWP(uint z, uint a, uint r, uint s, uint n, uint t) => AtomicMemoryOp(AtomicOp.Swap, z, a, r, s, n, t);

    /// <summary>LDAPR: load-acquire RCpc; a full barrier after the load is a (stronger) implementation.</summary>
    [Handler] void LDAPR(uint z, uint n, uint t) => LoadAcquire(z, n, t, ir.U64(0));

    [Handler] void LDAPUR(uint z, uint i, uint n, uint t) => LoadAcquire(z, n, t, Imm9(i));
    [Handler] void LDAPURS(uint z, uint c, uint i, uint n, uint t) => LoadAcquire(z, n, t, Imm9(i), Signed(c));
    [Handler] void STLUR(uint z, uint i, uint n, uint t) => StoreRelease(z, n, t, Imm9(i));
}
