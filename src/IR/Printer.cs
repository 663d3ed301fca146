using System.Text;

namespace A64Jit.IR;

/// <summary>Text form of IR, as printed by --dump-ir.</summary>
public static class Printer
{
    public static string Print(Block block)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"block 0x{block.StartPc:x} ({block.GuestInstructionCount} guest instructions):");
        foreach (var inst in block.Insts)
        {
            if (inst.Op == Opcode.InstStart)
                sb.AppendLine($"  ; 0x{inst.Aux:x}");
            else
                sb.Append("  ").AppendLine(Format(inst));
        }
        sb.Append("  ").AppendLine(block.Terminal is null ? "<no terminal>" : Format(block.Terminal));
        return sb.ToString();
    }

    public static string Format(Inst inst)
    {
        var sig = OpcodeInfo.Of(inst.Op);
        var sb = new StringBuilder();
        if (inst.Type != IrType.Void)
            sb.Append($"%{inst.Index}:{inst.Type.Name()} = ");
        sb.Append(inst.Op);
        if (inst.Op == Opcode.Const)
            return sb.Append($" 0x{inst.Aux:x}").ToString();
        var parts = new List<string>();
        if (sig.Aux is not null)
            parts.Add($"{sig.Aux}={inst.Aux}");
        parts.AddRange(inst.Args.Select(a => a.IsConst ? $"0x{a.Aux:x}" : $"%{a.Index}"));
        if (parts.Count > 0)
            sb.Append(' ').Append(string.Join(", ", parts));
        return sb.ToString();
    }

    public static string Format(Terminal terminal) => terminal switch
    {
        Terminal.Link l => l.Kind == BranchKind.Call ? $"call 0x{l.Target:x}" : $"link 0x{l.Target:x}",
        Terminal.Indirect i => $"indirect {i.Kind.ToString().ToLowerInvariant()} {i.Target}",
        Terminal.If f => $"if {f.Condition} then ({Format(f.Then)}) else ({Format(f.Else)})",
        Terminal.Exit x => $"exit to the runtime, next 0x{x.NextPc:x}",
        Terminal.Exception e => $"exception {e.Kind} imm=0x{e.Immediate:x} at 0x{e.Pc:x} next 0x{e.NextPc:x}",
        _ => terminal.ToString(),
    };
}
