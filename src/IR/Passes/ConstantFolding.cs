namespace A64Jit.IR.Passes;

/// <summary>
/// Constant folding and propagation: a pure instruction whose arguments are all constants becomes a
/// constant, computed by the interpreter's own semantics. Runs to a fixed point in one forward walk,
/// since SSA order puts every argument before its use.
/// </summary>
public static class ConstantFolding
{
    [ThreadStatic] static IrInterpreter? evaluator;

    public static void Run(Block block)
    {
        evaluator ??= new IrInterpreter();
        foreach (var inst in block.Insts)
        {
            if (inst.IsConst || !inst.Op.IsPure() || inst.Type == IrType.U128 || inst.Args.Length == 0)
                continue;
            if (inst.Args.Any(a => !a.IsConst || a.Type == IrType.U128))
                continue;
            ulong value = evaluator.EvaluateConstant(inst);
            inst.Op = Opcode.Const;
            inst.Args = [];
            inst.Aux = value;
        }
        block.Terminal = FoldTerminal(block.Terminal!);
    }

    /// <summary>A conditional whose condition is constant becomes the branch it takes.</summary>
    static Terminal FoldTerminal(Terminal t) => t switch
    {
        Terminal.If f when f.Condition.IsConst => FoldTerminal(f.Condition.Aux != 0 ? f.Then : f.Else),
        Terminal.If f => new Terminal.If(f.Condition, FoldTerminal(f.Then), FoldTerminal(f.Else)),
        _ => t,
    };
}
