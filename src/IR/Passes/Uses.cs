namespace A64Jit.IR.Passes;

/// <summary>Rewriting helpers shared by the passes: substituting values and finding what is used.</summary>
public static class Uses
{
    /// <summary>Replaces every use of an instruction by its entry in <paramref name="map"/>, in arguments and terminal.</summary>
    public static void Substitute(Block block, Dictionary<Inst, Inst> map)
    {
        if (map.Count == 0)
            return;
        Inst Resolve(Inst i)
        {
            while (map.TryGetValue(i, out var r))
                i = r;
            return i;
        }
        foreach (var inst in block.Insts)
            for (int a = 0; a < inst.Args.Length; a++)
                inst.Args[a] = Resolve(inst.Args[a]);
        block.Terminal = Substitute(block.Terminal!, Resolve);
    }

    static Terminal Substitute(Terminal t, Func<Inst, Inst> resolve) => t switch
    {
        Terminal.Indirect i => i with { Target = resolve(i.Target) },
        Terminal.If f => new Terminal.If(resolve(f.Condition), Substitute(f.Then, resolve), Substitute(f.Else, resolve)),
        _ => t,
    };

    /// <summary>The instructions the terminal reads.</summary>
    public static IEnumerable<Inst> TerminalReads(Terminal t) => t switch
    {
        Terminal.Indirect i => [i.Target],
        Terminal.If f => [f.Condition, .. TerminalReads(f.Then), .. TerminalReads(f.Else)],
        _ => [],
    };
}
