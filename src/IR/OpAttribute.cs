namespace A64Jit.IR;

/// <summary>Declares an opcode's signature once: result type, argument types and effects.</summary>
[AttributeUsage(AttributeTargets.Field)]
public sealed class OpAttribute(IrType result, params IrType[] args) : Attribute
{
    public IrType Result { get; } = result;
    public IrType[] Args { get; } = args;
    public Effects Effects { get; init; } = Effects.Pure;

    /// <summary>What the instruction's Aux field holds, for the printer ("reg", "sysreg", "cond", ...); null when unused.</summary>
    public string? Aux { get; init; }
}
