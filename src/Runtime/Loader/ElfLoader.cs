using A64Jit.Runtime.Memory;

namespace A64Jit.Runtime.Loader;

/// <summary>Maps an ELF image's PT_LOAD segments into guest memory with their protections.</summary>
public static class ElfLoader
{
    /// <summary>Where a static-PIE executable is placed (ET_EXEC images go where they say).</summary>
    public const ulong PieBase = 0x2_0000_0000;

    public sealed record Loaded(ulong Bias, ulong Entry, ulong PhdrAddress, int PhdrCount, ulong End);

    public static Loaded Load(ElfImage elf, GuestMemory memory, string name)
    {
        ulong bias = elf.IsPositionIndependent ? PieBase : 0;
        ulong end = 0;
        ulong? phdr = null;
        foreach (var ph in elf.ProgramHeaders.Where(p => p.Type == ElfImage.PtLoad))
        {
            ulong start = GuestMemory.PageAlignDown(ph.VAddr + bias);
            ulong stop = GuestMemory.PageAlignUp(ph.VAddr + bias + ph.MemSize);
            if (stop > memory.Size || stop < start)
                throw new BadImageException($"{name}: segment at 0x{ph.VAddr:x} lies outside the guest address space");
            var prot = PageFlags.None;
            if ((ph.Flags & ElfImage.PfR) != 0) prot |= PageFlags.Read;
            if ((ph.Flags & ElfImage.PfW) != 0) prot |= PageFlags.Write;
            if ((ph.Flags & ElfImage.PfX) != 0) prot |= PageFlags.Execute | PageFlags.Read;
            // Segments may share a page; map each page once with the union of the protections.
            for (ulong page = start; page < stop; page += GuestMemory.PageSize)
            {
                var old = memory.FlagsAt(page);
                if ((old & PageFlags.Mapped) == 0)
                    memory.Map(page, GuestMemory.PageSize, prot);
                else
                    memory.Protect(page, GuestMemory.PageSize, (old & ~PageFlags.Mapped) | prot);
            }
            memory.Poke(ph.VAddr + bias, elf.Bytes.AsSpan((int)ph.Offset, (int)ph.FileSize));
            if (elf.PhOff >= ph.Offset && elf.PhOff < ph.Offset + ph.FileSize)
                phdr = ph.VAddr + bias + (elf.PhOff - ph.Offset);
            end = Math.Max(end, stop);
        }
        var explicitPhdr = elf.ProgramHeaders.FirstOrDefault(p => p.Type == ElfImage.PtPhdr);
        if (explicitPhdr is not null)
            phdr = explicitPhdr.VAddr + bias;
        return new Loaded(bias, elf.Entry + bias, phdr ?? 0, elf.ProgramHeaders.Count, end);
    }
}
