namespace A64Jit.IR.Passes;

/// <summary>Removes pure instructions whose results nothing uses (flags nobody reads vanish here).</summary>
public static class DeadCodeElimination
{
    public static void Run(Block block)
    {
        var live = new HashSet<Inst>(Uses.TerminalReads(block.Terminal!), ReferenceEqualityComparer.Instance);
        for (int i = block.Insts.Count - 1; i >= 0; i--)
        {
            var inst = block.Insts[i];
            if (inst.Op.IsPure() && !live.Contains(inst))
            {
                block.Insts.RemoveAt(i);
                continue;
            }
            foreach (var arg in inst.Args)
                live.Add(arg);
        }
        block.Renumber();
    }
}
