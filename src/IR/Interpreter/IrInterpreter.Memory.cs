namespace A64Jit.IR;

public sealed partial class IrInterpreter
{
    bool TryEvalMemory(Inst inst, Inst[] a, IGuestContext ctx, out ulong r)
    {
        r = 0;
        switch (inst.Op)
        {
            case Opcode.Load8: r = ctx.Read8(V(a[0])); return true;
            case Opcode.Load16: r = ctx.Read16(V(a[0])); return true;
            case Opcode.Load32: r = ctx.Read32(V(a[0])); return true;
            case Opcode.Load64: r = ctx.Read64(V(a[0])); return true;
            case Opcode.LoadUnprivileged: r = ctx.ReadUnprivileged(V(a[0]), (int)inst.Aux); return true;
            case Opcode.StoreUnprivileged: ctx.WriteUnprivileged(V(a[0]), (int)inst.Aux, V(a[1])); r = 0; return true;
            case Opcode.Store8: ctx.Write8(V(a[0]), (byte)V(a[1])); return true;
            case Opcode.Store16: ctx.Write16(V(a[0]), (ushort)V(a[1])); return true;
            case Opcode.Store32: ctx.Write32(V(a[0]), (uint)V(a[1])); return true;
            case Opcode.Store64: ctx.Write64(V(a[0]), V(a[1])); return true;
            case Opcode.Store128: ctx.Write128(V(a[0]), W(a[1])); return true;
            case Opcode.LoadExclusive: r = ctx.LoadExclusive(V(a[0]), (int)inst.Aux); return true;
            case Opcode.StoreExclusive: r = ctx.StoreExclusive(V(a[0]), (int)inst.Aux, V(a[1])) ? 0UL : 1UL; return true;
            case Opcode.StoreExclusive128: r = ctx.StoreExclusive128(V(a[0]), W(a[1])) ? 0UL : 1UL; return true;
            case Opcode.ClearExclusive: ctx.ClearExclusive(); return true;
            case Opcode.AtomicRmw: r = ctx.AtomicRmw((AtomicOp)(inst.Aux & 0xFF), V(a[0]), (int)(inst.Aux >> 8), V(a[1])); return true;
            case Opcode.CompareAndSwap: r = ctx.CompareAndSwap(V(a[0]), (int)inst.Aux, V(a[1]), V(a[2])); return true;
            case Opcode.CheckAlignment:
                if ((V(a[0]) & ((inst.Aux & 0xFF) - 1)) != 0)
                    throw new GuestFault(GuestFaultKind.Alignment, V(a[0]), (inst.Aux & 0x100) != 0,
                        $"{inst.Aux & 0xFF}-byte access at 0x{V(a[0]):x} is not aligned (SCTLR.A)");
                return true;
            case Opcode.ZeroBlock: ctx.ZeroBlock((uint)inst.Aux, V(a[0])); return true;
            case Opcode.MemoryBarrier: Thread.MemoryBarrier(); return true;
            case Opcode.CacheMaintenance: ctx.CacheMaintenance((uint)inst.Aux, V(a[0])); return true;
            case Opcode.LoadOrdered:
                CheckOrdered(V(a[0]), (int)inst.Aux, write: false);
                r = inst.Aux switch
                {
                    1 => ctx.Read8(V(a[0])),
                    2 => ctx.Read16(V(a[0])),
                    4 => ctx.Read32(V(a[0])),
                    _ => ctx.Read64(V(a[0])),
                };
                return true;
            case Opcode.StoreOrdered:
                CheckOrdered(V(a[0]), (int)inst.Aux, write: true);
                switch (inst.Aux)
                {
                    case 1: ctx.Write8(V(a[0]), (byte)V(a[1])); break;
                    case 2: ctx.Write16(V(a[0]), (ushort)V(a[1])); break;
                    case 4: ctx.Write32(V(a[0]), (uint)V(a[1])); break;
                    default: ctx.Write64(V(a[0]), V(a[1])); break;
                }
                return true;
        }
        return false;
    }

    /// <summary>The FEAT_LSE2 alignment rule of ordered accesses: an access crossing a 16-byte block faults.</summary>
    static void CheckOrdered(ulong address, int size, bool write)
    {
        if ((address & 15) + (ulong)size > 16)
            throw new GuestFault(GuestFaultKind.Alignment, address, write, $"{size}-byte ordered access at 0x{address:x} crosses a 16-byte block");
    }
}
