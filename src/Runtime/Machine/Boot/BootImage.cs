using System.Buffers.Binary;
using System.IO.Compression;
using A64Jit.Runtime.Loader;

namespace A64Jit.Runtime.Machine.Boot;

/// <summary>
/// A guest image placed in RAM: a Linux arm64 Image (Documentation/arch/arm64/booting.rst: the header's
/// magic "ARM\x64" at 0x38, text_offset at 8, image_size at 16; gzip-compressed ones are inflated first),
/// a bare-metal ELF (segments loaded at their addresses), or a raw binary (loaded at the start of RAM).
/// </summary>
public sealed record BootImage(ulong Entry, ulong LoadAddress, ulong End, bool IsLinux)
{
    const uint LinuxMagic = 0x644D_5241;

    public static BootImage Load(string path, PhysicalMemory bus)
    {
        if (!File.Exists(path))
            throw new BadImageException($"{path}: no such file");
        byte[] bytes = File.ReadAllBytes(path);
        if (bytes.Length >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B)
            bytes = Inflate(bytes, path);
        if (bytes.Length >= 4 && bytes[0] == 0x7F && bytes[1] == (byte)'E' && bytes[2] == (byte)'L' && bytes[3] == (byte)'F')
            return LoadElf(ElfImage.Parse(bytes, path), bus, path);
        if (bytes.Length >= 64 && BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(0x38)) == LinuxMagic)
            return LoadLinux(bytes, bus, path);
        return LoadRaw(bytes, bus, path);
    }

    static byte[] Inflate(byte[] compressed, string path)
    {
        try
        {
            using var input = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
            using var output = new MemoryStream();
            input.CopyTo(output);
            return output.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new BadImageException($"{path}: bad gzip data ({e.Message})");
        }
    }

    static BootImage LoadLinux(byte[] bytes, PhysicalMemory bus, string path)
    {
        ulong textOffset = BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(8));
        ulong imageSize = BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(16));
        if (imageSize == 0)
            imageSize = (ulong)bytes.Length;
        // The kernel goes at a 2 MiB-aligned base plus text_offset (booting.rst).
        ulong load = bus.RamBase + textOffset;
        Place(bytes, load, Math.Max(imageSize, (ulong)bytes.Length), bus, path);
        return new BootImage(load, load, load + Math.Max(imageSize, (ulong)bytes.Length), IsLinux: true);
    }

    static BootImage LoadRaw(byte[] bytes, PhysicalMemory bus, string path)
    {
        Place(bytes, bus.RamBase, (ulong)bytes.Length, bus, path);
        return new BootImage(bus.RamBase, bus.RamBase, bus.RamBase + (ulong)bytes.Length, IsLinux: false);
    }

    static BootImage LoadElf(ElfImage elf, PhysicalMemory bus, string path)
    {
        if (elf.Type != ElfImage.EtExec)
            throw new BadImageException($"{path}: a bare-metal ELF must be an executable (ET_EXEC)");
        ulong low = ulong.MaxValue, high = 0;
        foreach (var ph in elf.ProgramHeaders.Where(p => p.Type == ElfImage.PtLoad && p.MemSize > 0))
        {
            if (!bus.IsRam(ph.VAddr, (int)Math.Min(ph.MemSize, int.MaxValue)) || ph.MemSize > int.MaxValue)
                throw new BadImageException($"{path}: segment at 0x{ph.VAddr:x} (0x{ph.MemSize:x} bytes) is outside RAM (0x{bus.RamBase:x}+0x{bus.RamSize:x})");
            var target = bus.RamSpan(ph.VAddr, (int)ph.MemSize);
            target.Clear();
            elf.Bytes.AsSpan((int)ph.Offset, (int)ph.FileSize).CopyTo(target);
            low = Math.Min(low, ph.VAddr);
            high = Math.Max(high, ph.VAddr + ph.MemSize);
        }
        if (high == 0)
            throw new BadImageException($"{path}: no loadable segments");
        return new BootImage(elf.Entry, low, high, IsLinux: false);
    }

    static void Place(byte[] bytes, ulong address, ulong size, PhysicalMemory bus, string path)
    {
        if (size > int.MaxValue || !bus.IsRam(address, (int)size))
            throw new BadImageException($"{path}: 0x{size:x} bytes at 0x{address:x} do not fit in RAM (0x{bus.RamBase:x}+0x{bus.RamSize:x}); try a larger --mem");
        bytes.CopyTo(bus.RamSpan(address, bytes.Length));
    }
}
