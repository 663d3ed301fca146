using System.Buffers.Binary;

namespace A64Jit.Runtime.Loader;

/// <summary>A parsed ELF64 little-endian AArch64 executable: header fields and program headers.</summary>
public sealed class ElfImage
{
    public const ushort EtExec = 2, EtDyn = 3;
    public const ushort EmAArch64 = 183;
    public const uint PtLoad = 1, PtInterp = 3, PtPhdr = 6, PtGnuStack = 0x6474_E551;
    public const uint PfX = 1, PfW = 2, PfR = 4;

    public required byte[] Bytes { get; init; }
    public ushort Type { get; init; }
    public ulong Entry { get; init; }
    public ulong PhOff { get; init; }
    public ushort PhEntSize { get; init; }
    public IReadOnlyList<ProgramHeader> ProgramHeaders { get; init; } = [];

    public bool IsPositionIndependent => Type == EtDyn;

    /// <summary>Parses and validates an ELF file; throws <see cref="BadImageException"/> with a one-line reason.</summary>
    public static ElfImage Parse(byte[] b, string name)
    {
        if (b.Length < 64 || b[0] != 0x7F || b[1] != (byte)'E' || b[2] != (byte)'L' || b[3] != (byte)'F')
            throw new BadImageException($"{name}: not an ELF file");
        if (b[4] != 2)
            throw new BadImageException($"{name}: not a 64-bit ELF (ELFCLASS{(b[4] == 1 ? "32" : "?")})");
        if (b[5] != 1)
            throw new BadImageException($"{name}: not a little-endian ELF");
        ushort machine = U16(b, 18);
        if (machine != EmAArch64)
            throw new BadImageException($"{name}: not an AArch64 ELF (e_machine {machine})");
        ushort type = U16(b, 16);
        if (type != EtExec && type != EtDyn)
            throw new BadImageException($"{name}: not an executable (e_type {type})");
        ulong phoff = U64(b, 32);
        ushort phentsize = U16(b, 54), phnum = U16(b, 56);
        if (phentsize != 56 || phnum == 0 || phoff > (ulong)b.Length || phoff + (ulong)phnum * 56 > (ulong)b.Length)
            throw new BadImageException($"{name}: malformed program header table");
        var headers = new List<ProgramHeader>();
        for (int i = 0; i < phnum; i++)
        {
            int o = (int)phoff + i * 56;
            var ph = new ProgramHeader(U32(b, o), U32(b, o + 4), U64(b, o + 8), U64(b, o + 16), U64(b, o + 32), U64(b, o + 40), U64(b, o + 48));
            if (ph.Type == PtLoad && (ph.FileSize > ph.MemSize || ph.Offset + ph.FileSize > (ulong)b.Length || ph.Offset + ph.FileSize < ph.Offset))
                throw new BadImageException($"{name}: segment {i} lies outside the file");
            if (ph.Type == PtLoad && ph.Align > 1 && (ph.VAddr - ph.Offset) % Math.Min(ph.Align, 4096) != 0)
                throw new BadImageException($"{name}: segment {i} is misaligned");
            headers.Add(ph);
        }
        if (!headers.Any(h => h.Type == PtLoad))
            throw new BadImageException($"{name}: no loadable segments");
        if (headers.Any(h => h.Type == PtInterp))
            throw new BadImageException($"{name}: dynamically linked; only static executables (static or static-pie) are supported");
        return new ElfImage
        {
            Bytes = b,
            Type = type,
            Entry = U64(b, 24),
            PhOff = phoff,
            PhEntSize = phentsize,
            ProgramHeaders = headers,
        };
    }

    static ushort U16(byte[] b, int o) => BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(o));
    static uint U32(byte[] b, int o) => BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(o));
    static ulong U64(byte[] b, int o) => BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan(o));
}

public sealed record ProgramHeader(uint Type, uint Flags, ulong Offset, ulong VAddr, ulong FileSize, ulong MemSize, ulong Align);

/// <summary>A guest image that cannot be loaded; the message is the one-line reason shown to the user.</summary>
public sealed class BadImageException(string message) : Exception(message);
