namespace A64Jit.IR.Passes;

/// <summary>
/// Identities that need only one constant operand: x + 0, x - 0, x | 0, x ^ 0, shifts by 0 and
/// x &amp; all-ones are x; x &amp; 0 and x * 0 are 0; a select on a constant is the operand it picks;
/// a truncation of a zero-extension is the original value. An add-with-carry whose carry is a
/// constant (how the lifter states ADD and SUB) becomes a plain add, or a subtract.
/// </summary>
public static class AlgebraicSimplification
{
    public static void Run(Block block)
    {
        var map = new Dictionary<Inst, Inst>(ReferenceEqualityComparer.Instance);
        Inst R(Inst i) => map.TryGetValue(i, out var r) ? r : i;
        foreach (var inst in block.Insts)
        {
            for (int a = 0; a < inst.Args.Length; a++)
                inst.Args[a] = R(inst.Args[a]);
            if (Simplify(inst) is { } replacement)
                map[inst] = replacement;
        }
        Uses.Substitute(block, map);
        var constants = new List<Inst>();
        foreach (var inst in block.Insts)
            ReduceAddWithCarry(inst, constants);
        if (constants.Count > 0)
        {
            block.Insts.InsertRange(0, constants);
            block.Renumber();
        }
    }

    /// <summary>
    /// AddCarry(x, y, 0) is x + y; AddCarry(x, NOT z, 1) is x - z; AddCarry(x, c, 1) is x + (c + 1).
    /// The flags of AddWithCarry(x, NOT z, 1) and of AddWithCarry(x, c, 1) are SubFlags(x, z) and
    /// SubFlags(x, NOT c): the backend compares instead of materializing NOT z (a compare's operands).
    /// </summary>
    static void ReduceAddWithCarry(Inst inst, List<Inst> constants)
    {
        if (inst.Op is Opcode.AddCarryFlags32 or Opcode.AddCarryFlags64 && inst.Args[2].IsConst && (inst.Args[2].Aux & 1) == 1)
        {
            bool wide64 = inst.Op == Opcode.AddCarryFlags64;
            var (minuend, negated) = (inst.Args[0], inst.Args[1]);
            if (negated.Op == (wide64 ? Opcode.Not64 : Opcode.Not32))
            {
                inst.Op = wide64 ? Opcode.SubFlags64 : Opcode.SubFlags32;
                inst.Args = [minuend, negated.Args[0]];
            }
            else if (negated.IsConst)
            {
                var subtrahend = new Inst(Opcode.Const, negated.Type, [], ~negated.Aux & negated.Type.Mask());
                constants.Add(subtrahend);
                inst.Op = wide64 ? Opcode.SubFlags64 : Opcode.SubFlags32;
                inst.Args = [minuend, subtrahend];
            }
            return;
        }
        if (inst.Op is not (Opcode.AddCarry32 or Opcode.AddCarry64) || !inst.Args[2].IsConst)
            return;
        bool wide = inst.Op == Opcode.AddCarry64;
        var (x, y, carry) = (inst.Args[0], inst.Args[1], inst.Args[2].Aux & 1);
        if (carry == 0)
        {
            inst.Op = wide ? Opcode.Add64 : Opcode.Add32;
            inst.Args = [x, y];
        }
        else if (y.Op == (wide ? Opcode.Not64 : Opcode.Not32))
        {
            inst.Op = wide ? Opcode.Sub64 : Opcode.Sub32;
            inst.Args = [x, y.Args[0]];
        }
        else if (y.IsConst)
        {
            var sum = new Inst(Opcode.Const, inst.Type, [], (y.Aux + 1) & inst.Type.Mask());
            constants.Add(sum);
            inst.Op = wide ? Opcode.Add64 : Opcode.Add32;
            inst.Args = [x, sum];
        }
    }

    static bool IsConst(Inst i, ulong value) => i.IsConst && i.Aux == value;

    static Inst? Simplify(Inst inst)
    {
        var a = inst.Args;
        switch (inst.Op)
        {
            case Opcode.Add32 or Opcode.Add64 or Opcode.Or32 or Opcode.Or64 or Opcode.Xor32 or Opcode.Xor64:
                if (IsConst(a[1], 0)) return a[0];
                if (IsConst(a[0], 0)) return a[1];
                break;
            case Opcode.Sub32 or Opcode.Sub64 or Opcode.Lsl32 or Opcode.Lsl64 or Opcode.Lsr32 or Opcode.Lsr64
                or Opcode.Asr32 or Opcode.Asr64 or Opcode.Ror32 or Opcode.Ror64:
                if (IsConst(a[1], 0)) return a[0];
                break;
            case Opcode.And32 or Opcode.And64:
                if (IsConst(a[1], inst.Type.Mask())) return a[0];
                if (IsConst(a[0], inst.Type.Mask())) return a[1];
                if (IsConst(a[1], 0)) return a[1];
                if (IsConst(a[0], 0)) return a[0];
                break;
            case Opcode.Mul32 or Opcode.Mul64:
                if (IsConst(a[1], 0)) return a[1];
                if (IsConst(a[1], 1)) return a[0];
                break;
            case Opcode.Select:
                if (a[0].IsConst) return a[0].Aux != 0 ? a[1] : a[2];
                if (ReferenceEquals(a[1], a[2])) return a[1];
                break;
            case Opcode.Truncate64To32 when a[0].Op == Opcode.ZeroExtend32To64:
            case Opcode.Truncate64To16 when a[0].Op == Opcode.ZeroExtend16To64:
            case Opcode.Truncate64To8 when a[0].Op == Opcode.ZeroExtend8To64:
            case Opcode.Truncate32To16 when a[0].Op == Opcode.ZeroExtend16To32:
            case Opcode.Truncate32To8 when a[0].Op == Opcode.ZeroExtend8To32:
                return a[0].Args[0];
        }
        return null;
    }
}
