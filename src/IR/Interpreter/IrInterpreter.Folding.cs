namespace A64Jit.IR;

public sealed partial class IrInterpreter
{
    /// <summary>
    /// Evaluates a pure, non-128-bit instruction whose arguments are all constants, with the same
    /// semantics the interpreter runs (so folding can never disagree with execution).
    /// </summary>
    public ulong EvaluateConstant(Inst inst)
    {
        if (!inst.Op.IsPure() || inst.Type == IrType.U128 || inst.Args.Any(a => !a.IsConst || a.Type == IrType.U128))
            throw new InvalidOperationException($"{inst.Op} cannot be evaluated at translation time");
        int slots = inst.Args.Length + 1;
        if (values.Length < slots)
            values = new ulong[slots * 2];
        // Evaluate on a scratch copy whose arguments sit in slots 1..n.
        var args = new Inst[inst.Args.Length];
        for (int i = 0; i < args.Length; i++)
        {
            args[i] = new Inst(Opcode.Const, inst.Args[i].Type, [], inst.Args[i].Aux) { Index = i + 1 };
            values[i + 1] = inst.Args[i].Aux;
        }
        var scratch = new Inst(inst.Op, inst.Type, args, inst.Aux);
        return Eval(scratch, null!) & inst.Type.Mask();
    }
}
