namespace A64Jit.IR;

/// <summary>The type of an IR value. Every value is one of these; there are no implicit conversions.</summary>
public enum IrType : byte
{
    Void,
    U1,
    U8,
    U16,
    U32,
    U64,
    U128,

    /// <summary>Flags in the layout of the NZCV register: N, Z, C, V in bits 31..28 of a 32-bit word.</summary>
    Nzcv,

    /// <summary>Only in opcode signatures: the same type as the instruction's result.</summary>
    Any,
}

public static class IrTypes
{
    public static int Bits(this IrType type) => type switch
    {
        IrType.U1 => 1,
        IrType.U8 => 8,
        IrType.U16 => 16,
        IrType.U32 or IrType.Nzcv => 32,
        IrType.U64 => 64,
        IrType.U128 => 128,
        _ => 0,
    };

    /// <summary>Mask of the meaningful bits of a value of this type held in a ulong.</summary>
    public static ulong Mask(this IrType type) => type switch
    {
        IrType.U1 => 1,
        IrType.U8 => 0xFF,
        IrType.U16 => 0xFFFF,
        IrType.U32 or IrType.Nzcv => 0xFFFF_FFFF,
        _ => ulong.MaxValue,
    };

    public static string Name(this IrType type) => type switch
    {
        IrType.Void => "void",
        IrType.U1 => "u1",
        IrType.U8 => "u8",
        IrType.U16 => "u16",
        IrType.U32 => "u32",
        IrType.U64 => "u64",
        IrType.U128 => "u128",
        IrType.Nzcv => "nzcv",
        _ => "any",
    };
}
