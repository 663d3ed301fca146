namespace A64Jit.IR;

/// <summary>A guest basic block in SSA form: instructions in execution order and one terminal.</summary>
public sealed class Block(ulong startPc)
{
    public ulong StartPc { get; } = startPc;
    public List<Inst> Insts { get; } = [];
    public Terminal? Terminal { get; set; }

    /// <summary>How many guest instructions the block covers.</summary>
    public int GuestInstructionCount { get; set; }

    /// <summary>Guest address just past the last instruction.</summary>
    public ulong EndPc { get; set; }

    /// <summary>Gives each instruction its index; call after passes that add or remove instructions.</summary>
    public void Renumber()
    {
        for (int i = 0; i < Insts.Count; i++)
            Insts[i].Index = i;
    }
}
