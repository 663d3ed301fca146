namespace A64Jit.IR;

/// <summary>
/// One SSA instruction. Its result is the value other instructions name by reference.
/// Aux holds the non-value operand some opcodes take (a register number, a condition, an immediate).
/// </summary>
public sealed class Inst
{
    public Opcode Op { get; set; }
    public IrType Type { get; set; }
    public Inst[] Args { get; set; }
    public ulong Aux { get; set; }

    /// <summary>Position in the block after the last numbering; the printer's %n and the interpreter's slot.</summary>
    public int Index { get; set; }

    public Inst(Opcode op, IrType type, Inst[] args, ulong aux = 0)
    {
        Op = op;
        Type = type;
        Args = args;
        Aux = aux;
    }

    public bool IsConst => Op == Opcode.Const;

    public override string ToString() => IsConst ? $"{Type.Name()} 0x{Aux:x}" : $"%{Index}";
}
