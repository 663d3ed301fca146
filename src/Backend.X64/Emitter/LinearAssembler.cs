using System.Buffers.Binary;
using Iced.Intel;

namespace A64Jit.Backend.X64;

/// <summary>
/// Encodes an Iced <see cref="Assembler"/>'s instructions in one pass, for compile speed. Iced's own
/// <c>Assemble</c> goes through its BlockEncoder, which builds an object per instruction and sizes branches
/// over several passes; in a Linux boot, where most blocks run a few times, that was a fifth of the time.
/// Here each branch keeps the rel32 form the compiler asked for (it turns PreferShortBranch off), each
/// instruction is encoded once with its label reference pointing at itself, and the rel32 or RIP-relative
/// displacement is patched when every label is placed. What this cannot place (a short branch, a target
/// that is no label of the block) makes it return null, and the caller uses Iced's encoder instead.
/// </summary>
public static class LinearAssembler
{
    /// <summary>The code, and where each label of the block landed (offsets from the start of the code).</summary>
    public sealed class Result(byte[] code, Dictionary<ulong, int> labels)
    {
        public byte[] Code { get; } = code;

        public int Offset(Label label) => labels[label.Id];
    }

    [ThreadStatic] static ByteWriter? writer;

    public static Result? TryAssemble(IReadOnlyList<Instruction> instructions)
    {
        var output = writer ??= new ByteWriter();
        output.Length = 0;
        var encoder = Encoder.Create(64, output);
        var labels = new Dictionary<ulong, int>();
        var patches = new List<(int At, int End, ulong Label)>();
        for (int i = 0; i < instructions.Count; i++)
        {
            var instruction = instructions[i];
            int start = output.Length;
            // The assembler marks the instruction a label is bound to by giving it the label's id (ids start at 1) as IP.
            if (instruction.IP != 0)
                labels.Add(instruction.IP, start);
            bool branch = instruction.OpCount > 0 && instruction.Op0Kind == OpKind.NearBranch64;
            bool ripRelative = !branch && instruction.IsIPRelativeMemoryOperand;
            ulong label = 0;
            if (branch)
            {
                label = instruction.NearBranch64;
                instruction.NearBranch64 = (ulong)start;
            }
            else if (ripRelative)
            {
                label = instruction.MemoryDisplacement64;
                instruction.MemoryDisplacement64 = (ulong)start;
            }
            if (!encoder.TryEncode(instruction, (ulong)start, out _, out _))
                return null;
            if (!branch && !ripRelative)
                continue;
            var offsets = encoder.GetConstantOffsets();
            int at = branch ? offsets.ImmediateOffset : offsets.DisplacementOffset;
            int size = branch ? offsets.ImmediateSize : offsets.DisplacementSize;
            if (size != 4)
                return null;
            patches.Add((start + at, output.Length, label));
        }
        var code = output.ToArray();
        foreach (var (at, end, label) in patches)
        {
            if (!labels.TryGetValue(label, out int target))
                return null;
            BinaryPrimitives.WriteInt32LittleEndian(code.AsSpan(at, 4), target - end);
        }
        return new Result(code, labels);
    }

    /// <summary>A growable byte buffer the encoder writes into, kept per thread.</summary>
    sealed class ByteWriter : CodeWriter
    {
        byte[] bytes = new byte[4096];

        public int Length { get; set; }

        public override void WriteByte(byte value)
        {
            if (Length == bytes.Length)
                Array.Resize(ref bytes, bytes.Length * 2);
            bytes[Length++] = value;
        }

        public byte[] ToArray() => bytes.AsSpan(0, Length).ToArray();
    }
}
