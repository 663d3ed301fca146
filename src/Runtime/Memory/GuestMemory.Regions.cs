using System.Runtime.InteropServices;

namespace A64Jit.Runtime.Memory;

// The whole address space at once, for copying a process (fork) or comparing two.
public sealed unsafe partial class GuestMemory
{
    /// <summary>Runs of mapped pages with equal protections, lowest address first.</summary>
    public IEnumerable<(ulong Address, ulong Length, PageFlags Flags)> MappedRegions()
    {
        int n = (int)PageCount, i = 0;
        while (i < n)
        {
            // Unmapped pages are zero bytes: skip them with a vectorized search.
            int next = MappedAfter(i);
            if (next < 0)
                yield break;
            i += next;
            var flags = PageAt(i);
            int start = i;
            while (i < n && PageAt(i) == flags)
                i++;
            yield return ((ulong)start << PageBits, (ulong)(i - start) << PageBits, flags);
        }
    }

    PageFlags PageAt(int i) => pages[i];

    /// <summary>How many unmapped pages there are from page <paramref name="i"/> to the next mapped one (-1: none left).</summary>
    int MappedAfter(int i) => new ReadOnlySpan<byte>((byte*)pages + i, (int)PageCount - i).IndexOfAnyExcept((byte)0);

    /// <summary>The host bytes of mapped guest memory, whatever the guest protections (for snapshots).</summary>
    public ReadOnlySpan<byte> Raw(ulong address, int length)
    {
        CheckSpan(address, (ulong)length, PageFlags.Mapped);
        if (length == 0 || HostAllows(address, (ulong)length, HostMemory.ProtRead))
            return new ReadOnlySpan<byte>(host + address, length);
        var copy = new byte[length];
        ReadPastHostProtections(address, copy);
        return copy;
    }
}
