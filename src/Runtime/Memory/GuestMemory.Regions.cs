using System.Runtime.InteropServices;

namespace A64Jit.Runtime.Memory;

// The whole address space at once, for copying a process (fork) or comparing two.
public sealed unsafe partial class GuestMemory
{
    /// <summary>Runs of mapped pages with equal protections, lowest address first.</summary>
    public IEnumerable<(ulong Address, ulong Length, PageFlags Flags)> MappedRegions()
    {
        int n = pages.Length, i = 0;
        while (i < n)
        {
            // Unmapped pages are zero bytes: skip them with a vectorized search.
            int next = MemoryMarshal.Cast<PageFlags, byte>(pages.AsSpan(i)).IndexOfAnyExcept((byte)0);
            if (next < 0)
                yield break;
            i += next;
            var flags = pages[i];
            int start = i;
            while (i < n && pages[i] == flags)
                i++;
            yield return ((ulong)start << PageBits, (ulong)(i - start) << PageBits, flags);
        }
    }

    /// <summary>The host bytes of mapped guest memory, whatever the guest protections (for snapshots).</summary>
    public ReadOnlySpan<byte> Raw(ulong address, int length)
    {
        CheckSpan(address, (ulong)length, PageFlags.Mapped);
        if (length == 0 || HostAllows(address, (ulong)length, HostMemory.ProtRead))
            return new ReadOnlySpan<byte>(host + address, length);
        var copy = new byte[length];
        HostAccess.Read(host + address, copy);
        return copy;
    }
}
