using A64Jit.IR;

namespace A64Jit.Frontend.Lifting;

// C4.1.88 Loads and Stores: load/store register pair (post-indexed, signed offset, pre-indexed) and
// load/store no-allocate pair (the non-temporal hint is ignored). imm7 is scaled by the access size.
public sealed partial class Lifter
{
    Inst Imm7(uint i, int scale) => ir.U64((ulong)(SignExtend(i, 7) << scale));

    /// <summary>The shared body of STP/LDP/LDPSW: both reads before both register writes, then writeback.</summary>
    void LoadStorePairGpr(int bytes, GprAccess access, uint t, uint u, uint n, uint i, Indexing indexing)
    {
        int scale = bytes == 8 ? 3 : 2;
        var (address, updated) = IndexedAddress(n, Imm7(i, scale), indexing);
        var second = Add(address, ir.U64((ulong)bytes));
        if (access == GprAccess.Store)
        {
            var data1 = X(t, 64);
            var data2 = X(u, 64);
            Mem(address, bytes, data1);
            Mem(second, bytes, data2);
        }
        else
        {
            bool signed = access == GprAccess.LoadSigned64;
            var data1 = LoadExtended(address, bytes, signed, to32: false);
            var data2 = LoadExtended(second, bytes, signed, to32: false);
            X(t, data1);
            X(u, data2);
        }
        WriteBack(n, updated, indexing);
    }

    /// <summary>The shared body of STP/LDP of SIMD&amp;FP registers: opc 00 S, 01 D, 10 Q.</summary>
    void LoadStorePairSimd(uint z, bool load, uint t, uint u, uint n, uint i, Indexing indexing)
    {
        int scale = 2 + (int)z, bytes = 1 << scale;
        var (address, updated) = IndexedAddress(n, Imm7(i, scale), indexing);
        var second = Add(address, ir.U64((ulong)bytes));
        if (load)
        {
            var data1 = LoadVector(address, bytes);
            var data2 = LoadVector(second, bytes);
            V(t, data1);
            V(u, data2);
        }
        else
        {
            var data1 = V(t);
            var data2 = V(u);
            Mem(address, bytes, data1);
            Mem(second, bytes, data2);
        }
        WriteBack(n, updated, indexing);
    }

    static int PairBytes(uint z) => z == 1 ? 8 : 4;

    [Handler] void STNP(uint z, uint i, uint u, uint n, uint t) => LoadStorePairGpr(PairBytes(z), GprAccess.Store, t, u, n, i, Indexing.Offset);
    [Handler] void LDNP(uint z, uint i, uint u, uint n, uint t) => LoadStorePairGpr(PairBytes(z), GprAccess.Load, t, u, n, i, Indexing.Offset);

    [Handler] void STP_post(uint z, uint i, uint u, uint n, uint t) => LoadStorePairGpr(PairBytes(z), GprAccess.Store, t, u, n, i, Indexing.Post);
    [Handler] void LDP_post(uint z, uint i, uint u, uint n, uint t) => LoadStorePairGpr(PairBytes(z), GprAccess.Load, t, u, n, i, Indexing.Post);
    [Handler] void LDPSW_post(uint i, uint u, uint n, uint t) => LoadStorePairGpr(4, GprAccess.LoadSigned64, t, u, n, i, Indexing.Post);

    [Handler] void STP_off(uint z, uint i, uint u, uint n, uint t) => LoadStorePairGpr(PairBytes(z), GprAccess.Store, t, u, n, i, Indexing.Offset);
    [Handler] void LDP_off(uint z, uint i, uint u, uint n, uint t) => LoadStorePairGpr(PairBytes(z), GprAccess.Load, t, u, n, i, Indexing.Offset);
    [Handler] void LDPSW_off(uint i, uint u, uint n, uint t) => LoadStorePairGpr(4, GprAccess.LoadSigned64, t, u, n, i, Indexing.Offset);

    [Handler] void STP_pre(uint z, uint i, uint u, uint n, uint t) => LoadStorePairGpr(PairBytes(z), GprAccess.Store, t, u, n, i, Indexing.Pre);
    [Handler] void LDP_pre(uint z, uint i, uint u, uint n, uint t) => LoadStorePairGpr(PairBytes(z), GprAccess.Load, t, u, n, i, Indexing.Pre);
    [Handler] void LDPSW_pre(uint i, uint u, uint n, uint t) => LoadStorePairGpr(4, GprAccess.LoadSigned64, t, u, n, i, Indexing.Pre);
}
