using A64Jit.Runtime.Memory;

namespace A64Jit.Runtime.Linux;

// brk, mmap, munmap, mprotect, mremap, madvise.
public static partial class Syscalls
{
    const int ProtRead = 1, ProtWrite = 2, ProtExec = 4;
    const int MapShared = 0x01, MapPrivate = 0x02, MapFixed = 0x10, MapAnonymous = 0x20, MapFixedNoReplace = 0x100000;
    const int MremapMayMove = 1, MremapFixed = 2;

    static PageFlags ToPageFlags(ulong prot) =>
        ((prot & ProtRead) != 0 ? PageFlags.Read : 0) | ((prot & ProtWrite) != 0 ? PageFlags.Write : 0) |
        ((prot & ProtExec) != 0 ? PageFlags.Execute | PageFlags.Read : 0) |
        // Arm has no write-only pages: PROT_WRITE implies read.
        ((prot & ProtWrite) != 0 ? PageFlags.Read : 0);

    [Syscall(214, "brk")]
    static long Brk(LinuxThread t, SyscallArgs a)
    {
        var p = t.Process;
        lock (p.Memory)
        {
            ulong want = a.A0;
            if (want < p.BrkStart)
                return (long)p.BrkCurrent;
            ulong oldTop = GuestMemory.PageAlignUp(p.BrkCurrent), newTop = GuestMemory.PageAlignUp(want);
            if (newTop > oldTop)
            {
                if (newTop > LinuxProcess.MmapTop / 2 || !p.Memory.IsRangeFree(oldTop, newTop - oldTop))
                    return (long)p.BrkCurrent;
                p.Memory.Map(oldTop, newTop - oldTop, PageFlags.Read | PageFlags.Write);
            }
            else if (newTop < oldTop)
            {
                p.Memory.Unmap(newTop, oldTop - newTop);
            }
            p.BrkCurrent = want;
            return (long)want;
        }
    }

    [Syscall(222, "mmap")]
    static long Mmap(LinuxThread t, SyscallArgs a)
    {
        ulong addr = a.A0, length = a.A1, prot = a.A2;
        int flags = (int)a.A3, fd = (int)a.A4;
        long offset = (long)a.A5;
        if (length == 0 || (offset & (long)GuestMemory.PageMask) != 0 || (flags & (MapShared | MapPrivate)) == 0)
            return -Errno.EINVAL;
        ulong size = GuestMemory.PageAlignUp(length);
        if (size < length)
            return -Errno.ENOMEM;
        var mem = t.Process.Memory;
        lock (mem)
        {
            ulong at;
            if ((flags & (MapFixed | MapFixedNoReplace)) != 0)
            {
                if ((addr & GuestMemory.PageMask) != 0 || addr + size > mem.Size || addr + size < addr)
                    return -Errno.EINVAL;
                if ((flags & MapFixedNoReplace) != 0 && !mem.IsRangeFree(addr, size))
                    return -Errno.EEXIST;
                at = addr;
                ForgetCode(t, at, size);
            }
            else
            {
                var found = FindFree(mem, GuestMemory.PageAlignDown(addr), size);
                if (found is null)
                    return -Errno.ENOMEM;
                at = found.Value;
            }
            if ((flags & MapAnonymous) == 0)
            {
                // The host maps the file itself: MAP_SHARED writes reach the file and its other mappings.
                // Only the pages the file covers: a host access beyond the end of the file would be a
                // host SIGBUS, which a64jit cannot turn into the guest's; those pages read as zero.
                long fileSize = HostFileSize(fd);
                if (fileSize < 0)
                    return fileSize;
                ulong covered = Math.Min(size, GuestMemory.PageAlignUp((ulong)Math.Max(0, fileSize - offset)));
                if (covered > 0)
                {
                    long r = mem.MapFile(at, covered, ToPageFlags(prot), fd, offset, (flags & MapShared) != 0);
                    if (r < 0)
                        return r;
                }
                if (covered < size)
                    mem.Map(at + covered, size - covered, ToPageFlags(prot));
            }
            else
            {
                mem.Map(at, size, ToPageFlags(prot));
            }
            return (long)at;
        }
    }

    /// <summary>Drops translations of every page in the range (its code is about to change or go).</summary>
    static void ForgetCode(LinuxThread t, ulong address, ulong size)
    {
        var mem = t.Process.Memory;
        for (ulong p = address; p < address + size && p < mem.Size; p += GuestMemory.PageSize)
            if ((mem.FlagsAt(p) & PageFlags.Mapped) != 0)
                t.Process.Engine.InvalidatePage(p);
    }

    /// <summary>st_size of a host descriptor, or -errno.</summary>
    static unsafe long HostFileSize(int fd)
    {
        const int X86FstatNumber = 5;
        byte* st = stackalloc byte[144];
        long r = HostLibc.Syscall(X86FstatNumber, fd, (long)st);
        return r < 0 ? r : *(long*)(st + 48);
    }

    /// <summary>A free range for mmap: at the hint if it is free, else the highest free range below MmapTop.</summary>
    static ulong? FindFree(GuestMemory mem, ulong hint, ulong size)
    {
        if (hint != 0 && hint + size <= LinuxProcess.MmapTop && mem.IsRangeFree(hint, size))
            return hint;
        ulong top = LinuxProcess.MmapTop;
        while (top >= size + 0x1000_0000)
        {
            ulong start = top - size;
            // Walk down past the highest used page inside the candidate range.
            ulong blocked = 0;
            for (ulong p = top - GuestMemory.PageSize; p >= start && p < top; p -= GuestMemory.PageSize)
            {
                if (mem.FlagsAt(p) != PageFlags.None)
                {
                    blocked = p;
                    break;
                }
                if (p == start)
                    break;
            }
            if (blocked == 0)
                return start;
            top = blocked;
        }
        return null;
    }

    [Syscall(215, "munmap")]
    static long Munmap(LinuxThread t, SyscallArgs a)
    {
        ulong addr = a.A0, size = GuestMemory.PageAlignUp(a.A1);
        var mem = t.Process.Memory;
        if ((addr & GuestMemory.PageMask) != 0 || size == 0 || addr + size > mem.Size)
            return -Errno.EINVAL;
        lock (mem)
        {
            ForgetCode(t, addr, size);
            mem.Unmap(addr, size);
        }
        return 0;
    }

    [Syscall(226, "mprotect")]
    static long Mprotect(LinuxThread t, SyscallArgs a)
    {
        ulong addr = a.A0, size = GuestMemory.PageAlignUp(a.A1);
        var mem = t.Process.Memory;
        if ((addr & GuestMemory.PageMask) != 0 || addr + size > mem.Size || addr + size < addr)
            return -Errno.EINVAL;
        lock (mem)
        {
            // A shared mapping of a file open read-only can never become writable.
            if ((a.A2 & ProtWrite) != 0 && mem.IsHostReadOnly(addr, size))
                return -Errno.EACCES;
            // Code written while its page was not executable (W^X: write RW, then flip to RX) never
            // reached the translation cache's invalidation: drop what was translated there.
            ForgetCode(t, addr, size);
            return mem.Protect(addr, size, ToPageFlags(a.A2)) ? 0 : -Errno.ENOMEM;
        }
    }

    [Syscall(216, "mremap")]
    static long Mremap(LinuxThread t, SyscallArgs a)
    {
        ulong old = a.A0, oldSize = GuestMemory.PageAlignUp(a.A1), newSize = GuestMemory.PageAlignUp(a.A2);
        int flags = (int)a.A3;
        var mem = t.Process.Memory;
        if ((old & GuestMemory.PageMask) != 0 || newSize == 0 || (flags & MremapFixed) != 0)
            return -Errno.EINVAL;
        lock (mem)
        {
            var prot = mem.FlagsAt(old) & ~PageFlags.Mapped;
            if (newSize <= oldSize)
            {
                if (newSize < oldSize)
                    mem.Unmap(old + newSize, oldSize - newSize);
                return (long)old;
            }
            if (mem.IsRangeFree(old + oldSize, newSize - oldSize))
            {
                mem.Map(old + oldSize, newSize - oldSize, prot);
                return (long)old;
            }
            if ((flags & MremapMayMove) == 0)
                return -Errno.ENOMEM;
            var dest = FindFree(mem, 0, newSize);
            if (dest is null)
                return -Errno.ENOMEM;
            var copy = new byte[oldSize];
            mem.Span(old, (int)oldSize, write: false).CopyTo(copy);
            mem.Map(dest.Value, newSize, prot);
            mem.Poke(dest.Value, copy);
            mem.Unmap(old, oldSize);
            return (long)dest.Value;
        }
    }

    [Syscall(227, "msync")]
    static long Msync(LinuxThread t, SyscallArgs a)
    {
        const int MsAsync = 1, MsInvalidate = 2, MsSync = 4;
        int flags = (int)a.A2;
        if ((a.A0 & GuestMemory.PageMask) != 0 || (flags & ~(MsAsync | MsInvalidate | MsSync)) != 0 || (flags & (MsAsync | MsSync)) == (MsAsync | MsSync))
            return -Errno.EINVAL;
        ulong size = GuestMemory.PageAlignUp(a.A1);
        var mem = t.Process.Memory;
        for (ulong p = a.A0; p < a.A0 + size; p += GuestMemory.PageSize)
            if ((mem.FlagsAt(p) & PageFlags.Mapped) == 0)
                return -Errno.ENOMEM;
        return mem.Sync(a.A0, size, flags);
    }

    [Syscall(233, "madvise")]
    static long Madvise(LinuxThread t, SyscallArgs a)
    {
        const int MadvDontNeed = 4;
        if ((int)a.A2 == MadvDontNeed && (a.A0 & GuestMemory.PageMask) == 0)
        {
            var mem = t.Process.Memory;
            lock (mem)
            {
                ulong size = GuestMemory.PageAlignUp(a.A1);
                // File pages go back to the file; anonymous ones read as zero again.
                mem.DiscardFileBacked(a.A0, size);
                for (ulong p = a.A0; p < a.A0 + size; p += GuestMemory.PageSize)
                    if ((mem.FlagsAt(p) & PageFlags.Write) != 0 && !mem.IsFileBacked(p, GuestMemory.PageSize))
                        mem.Span(p, (int)GuestMemory.PageSize, write: true).Clear();
            }
        }
        // Other advice is a hint the kernel may ignore.
        return 0;
    }
}
