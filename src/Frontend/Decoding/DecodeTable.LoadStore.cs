namespace A64Jit.Frontend.Decoding;

public static partial class DecodeTable
{
    static Encoding[] LoadStore =>
    [
    ];
}
