namespace A64Jit.IR;

/// <summary>Appends instructions to a block, checking each against its opcode's declared signature.</summary>
public sealed class IrBuilder(Block block)
{
    public Block Block { get; } = block;

    public Inst Emit(Opcode op, params Inst[] args) => EmitWithAux(op, 0, args);

    public Inst EmitWithAux(Opcode op, ulong aux, params Inst[] args)
    {
        var sig = OpcodeInfo.Of(op);
        if (sig.Result == IrType.Any)
            throw new InvalidOperationException($"{op} is polymorphic: use {nameof(EmitTyped)}");
        return Append(new Inst(op, sig.Result, args, aux), sig);
    }

    /// <summary>Emits a polymorphic opcode (Select, Const) whose result type is given.</summary>
    public Inst EmitTyped(Opcode op, IrType type, ulong aux, params Inst[] args) =>
        Append(new Inst(op, type, args, aux), OpcodeInfo.Of(op));

    public Inst Const(IrType type, ulong value) =>
        Append(new Inst(Opcode.Const, type, [], value & type.Mask()), OpcodeInfo.Of(Opcode.Const));

    public Inst U1(bool value) => Const(IrType.U1, value ? 1UL : 0UL);
    public Inst U8(ulong value) => Const(IrType.U8, value);
    public Inst U16(ulong value) => Const(IrType.U16, value);
    public Inst U32(ulong value) => Const(IrType.U32, value);
    public Inst U64(ulong value) => Const(IrType.U64, value);

    public Inst Select(Inst condition, Inst ifTrue, Inst ifFalse) =>
        EmitTyped(Opcode.Select, ifTrue.Type, 0, condition, ifTrue, ifFalse);

    Inst Append(Inst inst, OpcodeSignature sig)
    {
        Verifier.CheckSignature(inst, sig);
        inst.Index = Block.Insts.Count;
        Block.Insts.Add(inst);
        return inst;
    }
}
