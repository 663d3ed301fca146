using System.Reflection;

namespace A64Jit.IR;

/// <summary>The signature of one opcode, read from its <see cref="OpAttribute"/>.</summary>
public sealed record OpcodeSignature(Opcode Opcode, IrType Result, IrType[] Args, Effects Effects, string? Aux);

public static class OpcodeInfo
{
    static readonly OpcodeSignature[] signatures = Build();

    public static OpcodeSignature Of(Opcode op) => signatures[(int)op];

    public static IReadOnlyList<OpcodeSignature> All => signatures;

    public static bool IsPure(this Opcode op) => signatures[(int)op].Effects == Effects.Pure;

    static OpcodeSignature[] Build()
    {
        var values = Enum.GetValues<Opcode>();
        var table = new OpcodeSignature[values.Max(v => (int)v) + 1];
        foreach (var op in values)
        {
            var field = typeof(Opcode).GetField(op.ToString(), BindingFlags.Public | BindingFlags.Static)!;
            var attr = field.GetCustomAttribute<OpAttribute>()
                ?? throw new InvalidOperationException($"opcode {op} has no [Op] signature");
            table[(int)op] = new OpcodeSignature(op, attr.Result, attr.Args, attr.Effects, attr.Aux);
        }
        return table;
    }
}
