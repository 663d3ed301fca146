namespace A64Jit.IR;

/// <summary>
/// The reference executor: runs a block's IR one instruction at a time, with every effect going
/// through <see cref="IGuestContext"/>. Clarity over speed; the JIT is checked against it.
/// Semantics are split by opcode family across the partial files.
/// </summary>
public sealed partial class IrInterpreter
{
    ulong[] values = new ulong[256];
    UInt128[] wide = new UInt128[256];

    public BlockExit Run(Block block, IGuestContext ctx)
    {
        var insts = block.Insts;
        if (values.Length < insts.Count)
        {
            values = new ulong[insts.Count * 2];
            wide = new UInt128[insts.Count * 2];
        }
        ulong pc = block.StartPc;
        int retired = -1;
        try
        {
            for (int i = 0; i < insts.Count; i++)
            {
                var inst = insts[i];
                if (inst.Op == Opcode.InstStart)
                {
                    pc = inst.Aux;
                    retired++;
                    continue;
                }
                if (inst.Type == IrType.U128)
                    wide[i] = Eval128(inst, ctx);
                else
                    values[i] = Eval(inst, ctx) & inst.Type.Mask();
            }
        }
        catch (GuestFault fault)
        {
            return new BlockExit(ExitReason.Fault, pc, pc, InstructionsRetired: Math.Max(retired, 0), Fault: fault);
        }
        return Finish(block.Terminal!, block.GuestInstructionCount);
    }

    /// <summary>
    /// Evaluates one instruction whose operands sit in a frame of slots indexed by value number
    /// (compiled code's frame, <paramref name="slotSize"/> bytes apart) and writes its result to its own
    /// slot: how compiled code runs an opcode it has no emitter for, with these same semantics.
    /// </summary>
    public unsafe void EvaluateInFrame(Inst inst, IGuestContext ctx, byte* frame, int slotSize)
    {
        if (values.Length <= inst.Index)
        {
            values = new ulong[inst.Index * 2];
            wide = new UInt128[inst.Index * 2];
        }
        foreach (var arg in inst.Args)
        {
            byte* slot = frame + arg.Index * slotSize;
            if (arg.Type == IrType.U128)
                wide[arg.Index] = System.Runtime.CompilerServices.Unsafe.ReadUnaligned<UInt128>(slot);
            else
                values[arg.Index] = *(ulong*)slot;
        }
        byte* result = frame + inst.Index * slotSize;
        if (inst.Type == IrType.U128)
            System.Runtime.CompilerServices.Unsafe.WriteUnaligned(result, Eval128(inst, ctx));
        else if (inst.Type == IrType.Void)
            Eval(inst, ctx);
        else
            *(ulong*)result = Eval(inst, ctx) & inst.Type.Mask();
    }

    BlockExit Finish(Terminal terminal, int count) => terminal switch
    {
        Terminal.Link l => new BlockExit(ExitReason.Continue, l.Target, InstructionsRetired: count),
        Terminal.Indirect ind => new BlockExit(ExitReason.Continue, V(ind.Target), InstructionsRetired: count),
        Terminal.If f => Finish(V(f.Condition) != 0 ? f.Then : f.Else, count),
        // The excepting instruction itself has not retired.
        Terminal.Exit x => new BlockExit(ExitReason.Continue, x.NextPc, InstructionsRetired: count),
        Terminal.Exception e => new BlockExit(ExitReason.Exception, e.NextPc, e.Pc, e.Kind, e.Immediate, Math.Max(count - 1, 0)),
        _ => throw new InvalidOperationException($"unknown terminal {terminal}"),
    };

    ulong V(Inst inst) => values[inst.Index];
    UInt128 W(Inst inst) => wide[inst.Index];

    ulong Eval(Inst inst, IGuestContext ctx)
    {
        var a = inst.Args;
        switch (inst.Op)
        {
            case Opcode.Const: return inst.Aux;
            case Opcode.GetX: return ctx.GetX((int)inst.Aux);
            case Opcode.SetX: ctx.SetX((int)inst.Aux, V(a[0])); return 0;
            case Opcode.GetSp: return ctx.Sp;
            case Opcode.SetSp: ctx.Sp = V(a[0]); return 0;
            case Opcode.GetNzcv: return ctx.Nzcv;
            case Opcode.SetNzcv: ctx.Nzcv = (uint)V(a[0]); return 0;
            case Opcode.SetV: ctx.SetV((int)inst.Aux, W(a[0])); return 0;
            case Opcode.ReadSysReg: return ctx.ReadSysReg((uint)inst.Aux, 0);
            case Opcode.WriteSysReg: ctx.WriteSysReg((uint)inst.Aux, V(a[0]), 0); return 0;
            case Opcode.GetSysRegSlot: return ctx.GetSysRegSlot((int)inst.Aux);
            case Opcode.SetSysRegSlot: ctx.SetSysRegSlot((int)inst.Aux, V(a[0])); return 0;
            case Opcode.Count: ctx.Count((int)inst.Aux); return 0;
            case Opcode.Select: return V(a[0]) != 0 ? V(a[1]) : V(a[2]);
            case Opcode.Low64: return (ulong)W(a[0]);
            case Opcode.High64: return (ulong)(W(a[0]) >> 64);
        }
        if (TryEvalInteger(inst, a, out ulong result) || TryEvalMemory(inst, a, ctx, out result)
            || TryEvalFloatingPoint(inst, a, ctx, out result) || TryEvalSimd(inst, a, ctx, out result))
            return result;
        throw new InvalidOperationException($"the interpreter has no semantics for {inst.Op}");
    }

    UInt128 Eval128(Inst inst, IGuestContext ctx)
    {
        var a = inst.Args;
        switch (inst.Op)
        {
            case Opcode.Const: return inst.Aux;
            case Opcode.GetV: return ctx.GetV((int)inst.Aux);
            case Opcode.Select: return V(a[0]) != 0 ? W(a[1]) : W(a[2]);
            case Opcode.Pack128: return new UInt128(V(a[1]), V(a[0]));
            case Opcode.Load128: return ctx.Read128(V(a[0]));
            case Opcode.LoadExclusive128: return ctx.LoadExclusive128(V(a[0]));
            case Opcode.CompareAndSwap128: return ctx.CompareAndSwap128(V(a[0]), W(a[1]), W(a[2]));
        }
        if (TryEvalFloatingPoint128(inst, a, ctx, out var result) || TryEvalSimd128(inst, a, ctx, out result))
            return result;
        throw new InvalidOperationException($"the interpreter has no 128-bit semantics for {inst.Op}");
    }
}
