namespace A64Jit.IR.Passes;

/// <summary>
/// A pure instruction that repeats an earlier one (same opcode, type, Aux and arguments) becomes that
/// earlier value. The lifter recomputes shared pieces per instruction (the scaled index of every
/// access to a[i], the truncation of a register read by several 32-bit instructions); one block is
/// straight-line code, so the first computation dominates every repeat.
/// </summary>
public static class CommonSubexpressionElimination
{
    public static void Run(Block block)
    {
        var seen = new Dictionary<(Opcode, IrType, ulong, Inst?, Inst?, Inst?), Inst>();
        var map = new Dictionary<Inst, Inst>(ReferenceEqualityComparer.Instance);
        Inst R(Inst i) => map.TryGetValue(i, out var r) ? r : i;
        foreach (var inst in block.Insts)
        {
            for (int a = 0; a < inst.Args.Length; a++)
                inst.Args[a] = R(inst.Args[a]);
            if (inst.IsConst || !inst.Op.IsPure() || inst.Args.Length > 3)
                continue;
            var args = inst.Args;
            var key = (inst.Op, inst.Type, inst.Aux, args.Length > 0 ? args[0] : null, args.Length > 1 ? args[1] : null, args.Length > 2 ? args[2] : null);
            if (seen.TryGetValue(key, out var earlier))
                map[inst] = earlier;
            else
                seen[key] = inst;
        }
        if (map.Count == 0)
            return;
        Uses.Substitute(block, map);
        block.Insts.RemoveAll(map.ContainsKey);
        block.Renumber();
    }
}
