using Microsoft.Win32.SafeHandles;

namespace A64Jit.Runtime.Memory;

// Guarded memory: the host protections of the reservation follow the guest's, so compiled code can load
// and store without looking at the page table and let the host fault instead (Backend's
// GuardedAccessFaults turns that fault into the access's slow path). A guest-readable page is host
// readable, a guest-writable page host writable, except a writable page that is also executable: its
// stores must invalidate translations, so it stays host read-only while code may have been translated
// from it. The first store the runtime sees there (a compiled store's fault reaches it through the slow
// path) invalidates the page's blocks and opens the page; fetching an instruction from it closes it again.
// The runtime's own accesses that ignore guest protections (the loader, snapshots, lockstep's undo log)
// go through /proc/self/mem where the host protections would stop them (or, where the kernel refuses
// that, open the pages for the copy).
public sealed unsafe partial class GuestMemory
{
    /// <summary>Bytes of inaccessible reservation after the guest's space.</summary>
    public const ulong GuardSize = 1UL << 16;

    /// <summary>Host protections follow the guest's; compiled accesses need only a bounds check.</summary>
    public bool Guarded { get; }

    /// <summary>Writable code pages opened for writing since code was last fetched from them (guarded only).</summary>
    readonly HashSet<ulong> writableCode = [];

    int HostProtection(ulong page)
    {
        var flags = pages[page];
        int prot = (flags & PageFlags.Read) != 0 ? HostMemory.ProtRead : HostMemory.ProtNone;
        if ((flags & PageFlags.Write) != 0 && ((flags & PageFlags.Execute) == 0 || writableCode.Contains(page)))
            prot |= HostMemory.ProtWrite;
        return prot;
    }

    /// <summary>After the guest's protections of a range changed: the host's follow them.</summary>
    void FollowGuestProtections(ulong address, ulong length)
    {
        if (!Guarded)
            return;
        lock (writableCode)
        {
            ulong first = address >> PageBits, end = (address + length) >> PageBits;
            if (writableCode.Count != 0)
                writableCode.RemoveWhere(p => p >= first && p < end);
            ApplyHostProtections(first, end);
        }
    }

    /// <summary>mprotect over runs of pages with equal host protections.</summary>
    void ApplyHostProtections(ulong first, ulong end)
    {
        ulong run = first;
        while (run < end)
        {
            int prot = HostProtection(run);
            ulong next = run + 1;
            while (next < end && HostProtection(next) == prot)
                next++;
            HostMemory.Protect((nint)(host + (run << PageBits)), (next - run) << PageBits, prot);
            run = next;
        }
    }

    /// <summary>
    /// Before the runtime writes [first, last] of which some page is executable: translations of those
    /// pages go, and under guarded memory the writable ones open for host writes.
    /// </summary>
    void WritingCode(ulong first, ulong last)
    {
        for (ulong p = first >> PageBits; p <= last >> PageBits; p++)
        {
            if ((pages[p] & PageFlags.Execute) == 0)
                continue;
            CodePageWritten?.Invoke(p << PageBits);
            if (!Guarded || (pages[p] & PageFlags.Write) == 0)
                continue;
            lock (writableCode)
            {
                if (writableCode.Add(p))
                    ApplyHostProtections(p, p + 1);
            }
        }
    }

    /// <summary>An instruction is fetched at <paramref name="address"/>: an opened code page closes for host writes again.</summary>
    void FetchingCode(ulong address)
    {
        ulong page = address >> PageBits;
        lock (writableCode)
        {
            if (writableCode.Remove(page))
                ApplyHostProtections(page, page + 1);
        }
    }

    /// <summary>Whether the host protections of every page of the range allow <paramref name="prot"/>.</summary>
    bool HostAllows(ulong address, ulong length, int prot)
    {
        if (!Guarded)
            return true;
        lock (writableCode)
        {
            for (ulong p = address >> PageBits; p <= (address + length - 1) >> PageBits; p++)
                if ((HostProtection(p) & prot) != prot)
                    return false;
        }
        return true;
    }

    /// <summary>
    /// Copies guest bytes out whatever the host protections: through /proc/self/mem, or where the kernel
    /// refuses that, by opening the pages for reading for the copy.
    /// </summary>
    void ReadPastHostProtections(ulong address, Span<byte> destination)
    {
        if (ProcSelfMem.TryRead(host + address, destination))
            return;
        lock (writableCode)
        {
            ulong first = address >> PageBits, end = ((address + (ulong)destination.Length - 1) >> PageBits) + 1;
            HostMemory.Protect((nint)(host + (first << PageBits)), (end - first) << PageBits, HostMemory.ProtRead);
            new ReadOnlySpan<byte>(host + address, destination.Length).CopyTo(destination);
            ApplyHostProtections(first, end);
        }
    }

    /// <summary>Copies bytes into guest memory whatever the host protections (the loader filling a read-only segment).</summary>
    void WritePastHostProtections(ulong address, ReadOnlySpan<byte> source)
    {
        if (ProcSelfMem.TryWrite(host + address, source))
            return;
        lock (writableCode)
        {
            ulong first = address >> PageBits, end = ((address + (ulong)source.Length - 1) >> PageBits) + 1;
            HostMemory.Protect((nint)(host + (first << PageBits)), (end - first) << PageBits, HostMemory.ProtRead | HostMemory.ProtWrite);
            source.CopyTo(new Span<byte>(host + address, source.Length));
            ApplyHostProtections(first, end);
        }
    }

    /// <summary>/proc/self/mem, which reads and writes this process's memory whatever its protections (when the kernel allows it).</summary>
    static class ProcSelfMem
    {
        static readonly Lazy<SafeFileHandle?> self = new(() =>
        {
            try
            {
                return File.OpenHandle("/proc/self/mem", FileMode.Open, FileAccess.ReadWrite);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return null;
            }
        });

        public static bool TryRead(byte* at, Span<byte> destination)
        {
            try
            {
                return self.Value is { } handle && RandomAccess.Read(handle, destination, (long)at) == destination.Length;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return false;
            }
        }

        public static bool TryWrite(byte* at, ReadOnlySpan<byte> source)
        {
            try
            {
                if (self.Value is not { } handle)
                    return false;
                RandomAccess.Write(handle, source, (long)at);
                return true;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return false;
            }
        }
    }
}
