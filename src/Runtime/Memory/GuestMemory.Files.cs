using System.Runtime.InteropServices;

namespace A64Jit.Runtime.Memory;

// File mappings: the host kernel maps the file itself into the guest's range, so MAP_SHARED writes
// reach the file and other mappings of it, and MAP_PRIVATE pages follow the file until written, as
// under Linux. Map and Unmap first turn such a range back into plain anonymous host memory.
public sealed unsafe partial class GuestMemory
{
    [LibraryImport("libc", EntryPoint = "mmap", SetLastError = true)]
    private static partial nint HostMmap(nint addr, nuint length, int prot, int flags, int fd, long offset);

    [LibraryImport("libc", EntryPoint = "msync", SetLastError = true)]
    private static partial int HostMsync(nint addr, nuint length, int flags);

    [LibraryImport("libc", EntryPoint = "madvise", SetLastError = true)]
    private static partial int HostMadvise(nint addr, nuint length, int advice);

    const int MapSharedFlag = 0x01, MapPrivateFlag = 0x02, MapFixedFlag = 0x10, MapAnonymousFlag = 0x20, MapNoReserveFlag = 0x4000;
    const int HostProtRead = 1, HostProtWrite = 2, EAccess = 13;

    /// <summary>File-backed page ranges (start, length), and whether the host mapping is read-only.</summary>
    readonly SortedDictionary<ulong, (ulong Length, bool HostReadOnly)> fileBacked = [];

    /// <summary>
    /// Maps <paramref name="length"/> bytes of host file <paramref name="fd"/> from <paramref name="offset"/>
    /// at <paramref name="address"/>. 0, or -errno (EACCES: a shared writable mapping of a file not open
    /// for writing).
    /// </summary>
    public long MapFile(ulong address, ulong length, PageFlags protection, int fd, long offset, bool shared)
    {
        CheckRange(address, length);
        ReleaseFileBacked(address, length);
        int flags = (shared ? MapSharedFlag : MapPrivateFlag) | MapFixedFlag;
        bool readOnly = false;
        nint r = HostMmap((nint)(host + address), (nuint)length, HostProtRead | HostProtWrite, flags, fd, offset);
        if (r == -1 && shared && Marshal.GetLastPInvokeError() == EAccess && (protection & PageFlags.Write) == 0)
        {
            // A file open read-only can still be shared read-only.
            readOnly = true;
            r = HostMmap((nint)(host + address), (nuint)length, HostProtRead, flags, fd, offset);
        }
        if (r == -1)
        {
            int errno = Marshal.GetLastPInvokeError();
            // Whatever the failed call left there goes back to an inaccessible reservation.
            ReplaceWithReservation(address, length);
            return -errno;
        }
        lock (fileBacked)
            fileBacked[address] = (length, readOnly);
        for (ulong p = address >> PageBits; p < (address + length) >> PageBits; p++)
            pages[p] = protection | PageFlags.Mapped;
        FollowGuestProtections(address, length);
        return 0;
    }

    /// <summary>Whether any page of the range is a shared mapping the host maps read-only (mprotect must refuse write).</summary>
    public bool IsHostReadOnly(ulong address, ulong length) => Overlaps(address, length).Any(o => o.HostReadOnly);

    /// <summary>Whether any page of the range is file-backed.</summary>
    public bool IsFileBacked(ulong address, ulong length) => Overlaps(address, length).Count > 0;

    List<(ulong Start, ulong Length, bool HostReadOnly)> Overlaps(ulong address, ulong length)
    {
        var list = new List<(ulong, ulong, bool)>();
        lock (fileBacked)
        {
            if (fileBacked.Count == 0)
                return list;
            foreach (var (start, (len, ro)) in fileBacked)
                if (start < address + length && address < start + len)
                    list.Add((start, len, ro));
        }
        return list;
    }

    /// <summary>msync over file-backed pages; other pages need nothing.</summary>
    public long Sync(ulong address, ulong length, int flags)
    {
        foreach (var (start, len, _) in Overlaps(address, length))
        {
            ulong from = Math.Max(start, address), to = Math.Min(start + len, address + length);
            if (HostMsync((nint)(host + from), (nuint)(to - from), flags) != 0)
                return -Marshal.GetLastPInvokeError();
        }
        return 0;
    }

    /// <summary>MADV_DONTNEED on file-backed pages: private ones revert to the file, shared ones are unaffected.</summary>
    public void DiscardFileBacked(ulong address, ulong length)
    {
        const int MadvDontNeed = 4;
        foreach (var (start, len, _) in Overlaps(address, length))
        {
            ulong from = Math.Max(start, address), to = Math.Min(start + len, address + length);
            HostMadvise((nint)(host + from), (nuint)(to - from), MadvDontNeed);
        }
    }

    /// <summary>Turns the file-backed parts of a range back into anonymous host memory (before Map or Unmap).</summary>
    void ReleaseFileBacked(ulong address, ulong length)
    {
        var overlaps = Overlaps(address, length);
        if (overlaps.Count == 0)
            return;
        lock (fileBacked)
        {
            foreach (var (start, len, ro) in overlaps)
            {
                fileBacked.Remove(start);
                ulong from = Math.Max(start, address), to = Math.Min(start + len, address + length);
                ReplaceWithReservation(from, to - from);
                // What stays outside the range stays file-backed.
                if (start < from)
                    fileBacked[start] = (from - start, ro);
                if (start + len > to)
                    fileBacked[to] = (start + len - to, ro);
            }
        }
    }

    void ReplaceWithReservation(ulong address, ulong length) =>
        HostMmap((nint)(host + address), (nuint)length, 0, MapPrivateFlag | MapAnonymousFlag | MapFixedFlag | MapNoReserveFlag, -1, 0);
}
