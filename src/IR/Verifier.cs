namespace A64Jit.IR;

/// <summary>Checks a block's well-formedness: signatures, SSA order, and a terminal.</summary>
public static class Verifier
{
    public static void Verify(Block block)
    {
        var seen = new HashSet<Inst>(ReferenceEqualityComparer.Instance);
        foreach (var inst in block.Insts)
        {
            CheckSignature(inst, OpcodeInfo.Of(inst.Op));
            foreach (var arg in inst.Args)
            {
                if (!seen.Contains(arg))
                    throw new IrVerificationException($"{Printer.Format(inst)}: argument {arg} is not defined before its use");
            }
            if (!seen.Add(inst))
                throw new IrVerificationException($"{Printer.Format(inst)} appears twice");
        }
        if (block.Terminal is null)
            throw new IrVerificationException($"block at 0x{block.StartPc:x} has no terminal");
        CheckTerminal(block.Terminal, seen);
    }

    static void CheckTerminal(Terminal terminal, HashSet<Inst> defined)
    {
        switch (terminal)
        {
            case Terminal.Indirect(var target, _):
                Expect(defined.Contains(target) && target.Type == IrType.U64, "indirect target must be a defined u64");
                break;
            case Terminal.If(var cond, var then, var @else):
                Expect(defined.Contains(cond) && cond.Type == IrType.U1, "if condition must be a defined u1");
                CheckTerminal(then, defined);
                CheckTerminal(@else, defined);
                break;
        }
    }

    internal static void CheckSignature(Inst inst, OpcodeSignature sig)
    {
        if (inst.Args.Length != sig.Args.Length)
            throw new IrVerificationException($"{inst.Op} takes {sig.Args.Length} arguments, got {inst.Args.Length}");
        if (sig.Result == IrType.Any ? inst.Type is IrType.Void or IrType.Any : inst.Type != sig.Result)
            throw new IrVerificationException($"{inst.Op} cannot produce {inst.Type.Name()}");
        for (int i = 0; i < sig.Args.Length; i++)
        {
            var want = sig.Args[i] == IrType.Any ? inst.Type : sig.Args[i];
            if (inst.Args[i].Type != want)
                throw new IrVerificationException($"{inst.Op} argument {i} must be {want.Name()}, got {inst.Args[i].Type.Name()}");
        }
    }

    static void Expect(bool ok, string message)
    {
        if (!ok)
            throw new IrVerificationException(message);
    }
}

public sealed class IrVerificationException(string message) : Exception(message);
