using System.Text;
using Iced.Intel;

namespace A64Jit.Backend.X64;

/// <summary>Text form of emitted code (the <c>--dump-x86</c> view): decoded by Iced and printed in NASM syntax.</summary>
public static class X64Disassembler
{
    /// <summary>One instruction a line; with addresses, each line starts with its address and bytes.</summary>
    public static string Format(ReadOnlySpan<byte> code, ulong address = 0, bool withAddresses = true)
    {
        var bytes = code.ToArray();
        var decoder = Iced.Intel.Decoder.Create(64, new ByteArrayCodeReader(bytes), address);
        var formatter = new NasmFormatter();
        formatter.Options.FirstOperandCharIndex = 8;
        var output = new StringOutput();
        var text = new StringBuilder();
        ulong end = address + (ulong)bytes.Length;
        while (decoder.IP < end)
        {
            decoder.Decode(out var instruction);
            formatter.Format(instruction, output);
            if (withAddresses)
            {
                int start = (int)(instruction.IP - address);
                string hex = Convert.ToHexStringLower(bytes, start, instruction.Length);
                text.Append($"{instruction.IP:x16} {hex,-30} ");
            }
            text.AppendLine(output.ToStringAndReset());
        }
        return text.ToString();
    }
}
