using A64Jit.IR;

namespace A64Jit.Frontend.Lifting;

// C4.1.88 Loads and Stores: load/store exclusive (register and pair), load-acquire/store-release
// (LDAR, STLR, and the LORegion forms LDLAR/STLLR, which without LORegions are the same), and the
// LSE compare-and-swap CAS and CASP, which share the exclusive class's encoding space.
// Acquire is a full barrier after the access, release a full barrier before it (stronger than needed).
public sealed partial class Lifter
{
    /// <summary>The memory-access size in bytes of the exclusives' size field.</summary>
    static int AccessBytes(uint z) => 1 << (int)z;

    void LoadExclusive(uint z, uint n, uint t, bool acquire)
    {
        var value = ir.EmitWithAux(Opcode.LoadExclusive, (ulong)AccessBytes(z), XOrSP(n, 64));
        if (acquire)
            Barrier();
        X(t, value);
    }

    void StoreExclusive(uint z, uint s, uint n, uint t, bool release)
    {
        var address = XOrSP(n, 64);
        var data = X(t, 64);
        if (release)
            Barrier();
        X(s, ir.EmitWithAux(Opcode.StoreExclusive, (ulong)AccessBytes(z), address, data));
    }

    [Handler] void LDXR(uint z, uint n, uint t) => LoadExclusive(z, n, t, acquire: false);
    [Handler] void LDAXR(uint z, uint n, uint t) => LoadExclusive(z, n, t, acquire: true);
    [Handler] void STXR(uint z, uint s, uint n, uint t) => StoreExclusive(z, s, n, t, release: false);
    [Handler] void STLXR(uint z, uint s, uint n, uint t) => StoreExclusive(z, s, n, t, release: true);

    /// <summary>LDXP/LDAXP: one single-copy-atomic access of both registers; Xt gets the lower address.</summary>
    void LoadExclusivePair(uint z, uint u, uint n, uint t, bool acquire)
    {
        var address = XOrSP(n, 64);
        Inst first, second;
        if (z == 1)
        {
            var value = ir.Emit(Opcode.LoadExclusive128, address);
            first = ir.Emit(Opcode.Low64, value);
            second = ir.Emit(Opcode.High64, value);
        }
        else
        {
            var value = ir.EmitWithAux(Opcode.LoadExclusive, 8, address);
            first = ir.Emit(Opcode.ZeroExtend32To64, Truncate(value, 32));
            second = Lsr(value, ir.U64(32));
        }
        if (acquire)
            Barrier();
        X(t, first);
        X(u, second);
    }

    void StoreExclusivePair(uint z, uint s, uint u, uint n, uint t, bool release)
    {
        var address = XOrSP(n, 64);
        Inst status;
        if (z == 1)
        {
            var data = ir.Emit(Opcode.Pack128, X(t, 64), X(u, 64));
            if (release)
                Barrier();
            status = ir.Emit(Opcode.StoreExclusive128, address, data);
        }
        else
        {
            var data = Or(ToU64(X(t, 32)), Lsl(ToU64(X(u, 32)), ir.U64(32)));
            if (release)
                Barrier();
            status = ir.EmitWithAux(Opcode.StoreExclusive, 8, address, data);
        }
        X(s, status);
    }

    [Handler] void LDXP(uint z, uint u, uint n, uint t) => LoadExclusivePair(z, u, n, t, acquire: false);
    [Handler] void LDAXP(uint z, uint u, uint n, uint t) => LoadExclusivePair(z, u, n, t, acquire: true);
    [Handler] void STXP(uint z, uint s, uint u, uint n, uint t) => StoreExclusivePair(z, s, u, n, t, release: false);
    [Handler] void STLXP(uint z, uint s, uint u, uint n, uint t) => StoreExclusivePair(z, s, u, n, t, release: true);

    /// <summary>Load-acquire: the load, then a barrier that keeps later accesses after it.</summary>
    void LoadAcquire(uint z, uint n, uint t, Inst offset, GprAccess access = GprAccess.Load)
    {
        var address = Add(XOrSP(n, 64), offset);
        int bytes = AccessBytes(z);
        CheckAlignment(address, bytes, write: false);
        var value = ir.EmitWithAux(Opcode.LoadOrdered, (ulong)bytes, address);
        if (access != GprAccess.Load)
        {
            var extended = SignExtendFrom(value, bytes * 8);
            value = access == GprAccess.LoadSigned32 ? ir.Emit(Opcode.ZeroExtend32To64, Truncate(extended, 32)) : extended;
        }
        Barrier();
        X(t, value);
    }

    /// <summary>Store-release: barriers on both sides, so that a following load-acquire cannot pass it (RCsc).</summary>
    void StoreRelease(uint z, uint n, uint t, Inst offset)
    {
        var address = Add(XOrSP(n, 64), offset);
        var data = X(t, 64);
        CheckAlignment(address, AccessBytes(z), write: true);
        Barrier();
        ir.EmitWithAux(Opcode.StoreOrdered, (ulong)AccessBytes(z), address, data);
        Barrier();
    }

    [Handler] void LDAR(uint z, uint n, uint t) => LoadAcquire(z, n, t, ir.U64(0));
    [Handler] void LDLAR(uint z, uint n, uint t) => LoadAcquire(z, n, t, ir.U64(0));
    [Handler] void STLR(uint z, uint n, uint t) => StoreRelease(z, n, t, ir.U64(0));
    [Handler] void STLLR(uint z, uint n, uint t) => StoreRelease(z, n, t, ir.U64(0));

    /// <summary>CAS: compare Xs with memory, store Xt when equal; Xs receives the old value either way.</summary>
    [Handler]
    void CAS(uint z, uint a, uint s, uint r, uint n, uint t)
    {
        var address = XOrSP(n, 64);
        var expected = X(s, 64);
        var desired = X(t, 64);
        if (r == 1)
            Barrier();
        var old = ir.EmitWithAux(Opcode.CompareAndSwap, (ulong)AccessBytes(z), address, expected, desired);
        if (a == 1)
            Barrier();
        X(s, old);
    }

    /// <summary>CASP: CAS of an even/odd register pair; Xs and Xt hold the lower address.</summary>
    [Handler]
    void CASP(uint z, uint a, uint s, uint r, uint n, uint t)
    {
        var address = XOrSP(n, 64);
        Inst low, high;
        if (z == 1)
        {
            var expected = ir.Emit(Opcode.Pack128, X(s, 64), X(s + 1, 64));
            var desired = ir.Emit(Opcode.Pack128, X(t, 64), X(t + 1, 64));
            if (r == 1)
                Barrier();
            var old = ir.Emit(Opcode.CompareAndSwap128, address, expected, desired);
            low = ir.Emit(Opcode.Low64, old);
            high = ir.Emit(Opcode.High64, old);
        }
        else
        {
            var expected = Or(ToU64(X(s, 32)), Lsl(ToU64(X(s + 1, 32)), ir.U64(32)));
            var desired = Or(ToU64(X(t, 32)), Lsl(ToU64(X(t + 1, 32)), ir.U64(32)));
            if (r == 1)
                Barrier();
            var old = ir.EmitWithAux(Opcode.CompareAndSwap, 8, address, expected, desired);
            low = ir.Emit(Opcode.ZeroExtend32To64, Truncate(old, 32));
            high = Lsr(old, ir.U64(32));
        }
        if (a == 1)
            Barrier();
        X(s, low);
        X(s + 1, high);
    }
}
