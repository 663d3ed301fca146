using System.Runtime.InteropServices;

namespace A64Jit.Runtime.Memory;

/// <summary>The host's mmap/mprotect/munmap, for reserving the guest address space.</summary>
internal static partial class HostMemory
{
    public const int ProtNone = 0, ProtRead = 1, ProtWrite = 2, ProtExec = 4;
    const int MapPrivate = 0x02, MapAnonymous = 0x20, MapNoReserve = 0x4000;

    [LibraryImport("libc", EntryPoint = "mmap", SetLastError = true)]
    private static partial nint Mmap(nint addr, nuint length, int prot, int flags, int fd, nint offset);

    [LibraryImport("libc", EntryPoint = "mprotect", SetLastError = true)]
    private static partial int Mprotect(nint addr, nuint length, int prot);

    [LibraryImport("libc", EntryPoint = "munmap", SetLastError = true)]
    private static partial int Munmap(nint addr, nuint length);

    [LibraryImport("libc", EntryPoint = "madvise", SetLastError = true)]
    private static partial int Madvise(nint addr, nuint length, int advice);

    const int MadvDontNeed = 4;

    /// <summary>Reserves address space that faults on any access until committed.</summary>
    public static nint Reserve(ulong size)
    {
        nint p = Mmap(0, (nuint)size, ProtNone, MapPrivate | MapAnonymous | MapNoReserve, -1, 0);
        if (p == -1)
            throw new OutOfMemoryException($"cannot reserve {size >> 20} MiB of address space (errno {Marshal.GetLastPInvokeError()})");
        return p;
    }

    /// <summary>Read-write memory that reads as zero; the host commits a page when it is first written.</summary>
    public static nint AllocateZeroed(ulong size)
    {
        nint p = Mmap(0, (nuint)size, ProtRead | ProtWrite, MapPrivate | MapAnonymous | MapNoReserve, -1, 0);
        if (p == -1)
            throw new OutOfMemoryException($"cannot allocate {size >> 20} MiB (errno {Marshal.GetLastPInvokeError()})");
        return p;
    }

    public static void Protect(nint address, ulong size, int prot)
    {
        if (Mprotect(address, (nuint)size, prot) != 0)
            throw new InvalidOperationException($"mprotect failed (errno {Marshal.GetLastPInvokeError()})");
    }

    /// <summary>Gives the pages back to the host; they read as zero when touched again.</summary>
    public static void Discard(nint address, ulong size) => Madvise(address, (nuint)size, MadvDontNeed);

    public static void Release(nint address, ulong size) => Munmap(address, (nuint)size);
}
