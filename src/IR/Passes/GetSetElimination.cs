namespace A64Jit.IR.Passes;

/// <summary>
/// Guest-register get/set elimination inside a block. A read of a register whose value the block
/// already knows (from an earlier get or set) becomes that value; a set overwritten before anything
/// could observe guest state is dropped. Observers are operations that may raise (the state must be
/// precise at a fault), read guest state through the context (system registers), or are markers only
/// when they may raise. Registers: X0..X30, SP, NZCV, V0..V31.
/// </summary>
public static class GetSetElimination
{
    public static void Run(Block block)
    {
        var known = new Dictionary<(Opcode Kind, ulong Reg), Inst>();
        var pendingSet = new Dictionary<(Opcode Kind, ulong Reg), Inst>();
        var map = new Dictionary<Inst, Inst>(ReferenceEqualityComparer.Instance);
        var dead = new HashSet<Inst>(ReferenceEqualityComparer.Instance);

        foreach (var inst in block.Insts)
        {
            if (Register(inst) is { } read && !IsSet(inst.Op))
            {
                if (known.TryGetValue(read, out var value))
                    map[inst] = value;
                else
                    known[read] = inst;
                continue;
            }
            if (IsSet(inst.Op))
            {
                var reg = Register(inst)!.Value;
                if (pendingSet.TryGetValue(reg, out var earlier))
                    dead.Add(earlier);
                pendingSet[reg] = inst;
                known[reg] = inst.Args[0];
                continue;
            }
            var effects = OpcodeInfo.Of(inst.Op).Effects;
            if ((effects & (Effects.MayRaise | Effects.ReadsGuestState)) != 0)
                pendingSet.Clear();
            if ((effects & Effects.WritesGuestState) != 0)
            {
                // Something other than a plain set wrote guest state (a system register write may change NZCV).
                known.Clear();
                pendingSet.Clear();
            }
        }
        if (dead.Count > 0)
            block.Insts.RemoveAll(dead.Contains);
        Uses.Substitute(block, map);
        block.Insts.RemoveAll(map.ContainsKey);
        block.Renumber();
    }

    static bool IsSet(Opcode op) => op is Opcode.SetX or Opcode.SetSp or Opcode.SetNzcv or Opcode.SetV;

    /// <summary>The register a get or set names, as (the get opcode, register number).</summary>
    static (Opcode, ulong)? Register(Inst inst) => inst.Op switch
    {
        Opcode.GetX or Opcode.SetX => (Opcode.GetX, inst.Aux),
        Opcode.GetSp or Opcode.SetSp => (Opcode.GetSp, 0),
        Opcode.GetNzcv or Opcode.SetNzcv => (Opcode.GetNzcv, 0),
        Opcode.GetV or Opcode.SetV => (Opcode.GetV, inst.Aux),
        _ => null,
    };
}
