using System.Runtime.CompilerServices;
using A64Jit.IR;

namespace A64Jit.Runtime.Memory;

/// <summary>
/// The guest's address space in user mode: one host reservation, guest address = offset into it,
/// with guest page protections kept in a table beside it. Every access is bounds- and permission-
/// checked, so a guest can never touch host memory outside its own. Host pages are committed
/// read-write when the guest maps them; the guest's own protections live only in the table.
/// </summary>
public sealed unsafe partial class GuestMemory : IDisposable
{
    public const int PageBits = 12;
    public const ulong PageSize = 1UL << PageBits;
    public const ulong PageMask = PageSize - 1;

    readonly byte* host;
    /// <summary>One byte a page, in host memory that reads as zero until written (no start-up cost for a large space).</summary>
    readonly PageFlags* pages;

    /// <summary>One past the highest guest address.</summary>
    public ulong Size { get; }

    /// <summary>Raised after a guest write to a page that holds executable code (for translation invalidation).</summary>
    public event Action<ulong>? CodePageWritten;

    /// <param name="guarded">Host protections follow the guest's (<see cref="Guarded"/>).</param>
    public GuestMemory(ulong size = 1UL << 36, bool guarded = false)
    {
        Size = size;
        Guarded = guarded;
        // The guard region past the end catches a guarded access that starts inside and runs past it.
        host = (byte*)HostMemory.Reserve(size + GuardSize);
        // Compiled code reads the flags through a raw pointer (its inline access check).
        pages = (PageFlags*)HostMemory.AllocateZeroed(size >> PageBits);
    }

    /// <summary>Host address of guest address 0, for compiled code's fast path.</summary>
    public byte* HostBase => host;

    /// <summary>The page flag table (one byte a page), for compiled code's fast path.</summary>
    public byte* PageFlagsPointer => (byte*)pages;

    public ulong PageCount => Size >> PageBits;

    public void Dispose()
    {
        HostMemory.Release((nint)host, Size + GuardSize);
        HostMemory.Release((nint)pages, PageCount);
    }

    public static ulong PageAlignDown(ulong a) => a & ~PageMask;
    public static ulong PageAlignUp(ulong a) => (a + PageMask) & ~PageMask;

    /// <summary>Maps [address, address+length) with the given protections; the pages read as zero.</summary>
    public void Map(ulong address, ulong length, PageFlags protection)
    {
        CheckRange(address, length);
        ReleaseFileBacked(address, length);
        HostMemory.Discard((nint)(host + address), length);
        HostMemory.Protect((nint)(host + address), length, HostMemory.ProtRead | HostMemory.ProtWrite);
        for (ulong p = address >> PageBits; p < (address + length) >> PageBits; p++)
            pages[p] = protection | PageFlags.Mapped;
        FollowGuestProtections(address, length);
    }

    public void Unmap(ulong address, ulong length)
    {
        CheckRange(address, length);
        ReleaseFileBacked(address, length);
        HostMemory.Discard((nint)(host + address), length);
        HostMemory.Protect((nint)(host + address), length, HostMemory.ProtNone);
        new Span<PageFlags>(pages + (address >> PageBits), (int)(length >> PageBits)).Clear();
        FollowGuestProtections(address, length);
    }

    /// <summary>Changes the guest protections of mapped pages; false if any page in the range is unmapped.</summary>
    public bool Protect(ulong address, ulong length, PageFlags protection)
    {
        CheckRange(address, length);
        for (ulong p = address >> PageBits; p < (address + length) >> PageBits; p++)
            if ((pages[p] & PageFlags.Mapped) == 0)
                return false;
        for (ulong p = address >> PageBits; p < (address + length) >> PageBits; p++)
            pages[p] = protection | PageFlags.Mapped;
        FollowGuestProtections(address, length);
        return true;
    }

    public PageFlags FlagsAt(ulong address) => address < Size ? pages[address >> PageBits] : PageFlags.None;

    public bool IsRangeFree(ulong address, ulong length)
    {
        if (address + length > Size || address + length < address)
            return false;
        for (ulong p = address >> PageBits; p < (address + length) >> PageBits; p++)
            if (pages[p] != PageFlags.None)
                return false;
        return true;
    }

    void CheckRange(ulong address, ulong length)
    {
        if ((address & PageMask) != 0 || (length & PageMask) != 0 || address + length > Size || address + length < address)
            throw new ArgumentOutOfRangeException(nameof(address), $"bad guest range 0x{address:x}+0x{length:x}");
    }

    /// <summary>Checks a write of <paramref name="size"/> bytes as a store would, without writing (lockstep's shadow memory).</summary>
    public void ProbeWrite(ulong address, int size) => CheckAccess(address, size, PageFlags.Write);

    /// <summary>Host pointer for a checked guest access of <paramref name="size"/> bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    byte* Check(ulong address, int size, PageFlags need)
    {
        CheckAccess(address, size, need);
        ulong last = address + (ulong)size - 1;
        if ((need & PageFlags.Write) != 0 && ((pages[address >> PageBits] | pages[last >> PageBits]) & PageFlags.Execute) != 0)
            WritingCode(address, last);
        return host + address;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    void CheckAccess(ulong address, int size, PageFlags need)
    {
        ulong last = address + (ulong)size - 1;
        if (last >= Size || last < address)
            throw Fault(address, need, GuestFaultKind.Unmapped);
        var first = pages[address >> PageBits];
        if ((first & need) != need)
            throw Fault(address, need, (first & PageFlags.Mapped) == 0 ? GuestFaultKind.Unmapped : GuestFaultKind.Permission);
        if (((address ^ last) >> PageBits) != 0)
        {
            var second = pages[last >> PageBits];
            if ((second & need) != need)
                throw Fault(last, need, (second & PageFlags.Mapped) == 0 ? GuestFaultKind.Unmapped : GuestFaultKind.Permission);
        }
    }

    static GuestFault Fault(ulong address, PageFlags need, GuestFaultKind kind) =>
        new(kind, address, (need & PageFlags.Write) != 0,
            $"{((need & PageFlags.Write) != 0 ? "write to" : need == PageFlags.Execute ? "fetch from" : "read from")} {(kind == GuestFaultKind.Unmapped ? "unmapped" : "protected")} address 0x{address:x}");

    /// <summary>Checked pointer for an access of the given size, aligned as atomics and exclusives require.</summary>
    public byte* Aligned(ulong address, int size, bool write)
    {
        if ((address & (ulong)(size - 1)) != 0)
            throw new GuestFault(GuestFaultKind.Alignment, address, write, $"misaligned {size}-byte atomic access at 0x{address:x}");
        return Check(address, size, write ? PageFlags.Read | PageFlags.Write : PageFlags.Read);
    }

    public byte Read8(ulong a) => *Check(a, 1, PageFlags.Read);
    public ushort Read16(ulong a) => Unsafe.ReadUnaligned<ushort>(Check(a, 2, PageFlags.Read));
    public uint Read32(ulong a) => Unsafe.ReadUnaligned<uint>(Check(a, 4, PageFlags.Read));
    public ulong Read64(ulong a) => Unsafe.ReadUnaligned<ulong>(Check(a, 8, PageFlags.Read));
    public UInt128 Read128(ulong a) => Unsafe.ReadUnaligned<UInt128>(Check(a, 16, PageFlags.Read));
    public void Write8(ulong a, byte v) => *Check(a, 1, PageFlags.Write) = v;
    public void Write16(ulong a, ushort v) => Unsafe.WriteUnaligned(Check(a, 2, PageFlags.Write), v);
    public void Write32(ulong a, uint v) => Unsafe.WriteUnaligned(Check(a, 4, PageFlags.Write), v);
    public void Write64(ulong a, ulong v) => Unsafe.WriteUnaligned(Check(a, 8, PageFlags.Write), v);
    public void Write128(ulong a, UInt128 v) => Unsafe.WriteUnaligned(Check(a, 16, PageFlags.Write), v);

    /// <summary>Instruction fetch: null when the page is not mapped executable.</summary>
    public uint? Fetch(ulong a)
    {
        if (a + 4 > Size || (a & 3) != 0 || (pages[a >> PageBits] & (PageFlags.Execute | PageFlags.Read)) != (PageFlags.Execute | PageFlags.Read))
            return null;
        if (writableCode.Count != 0)
            FetchingCode(a);
        return Unsafe.ReadUnaligned<uint>(host + a);
    }

    /// <summary>Copies guest bytes out, checking read permission (for syscalls such as write).</summary>
    public void ReadBytes(ulong address, Span<byte> destination)
    {
        if (destination.Length == 0)
            return;
        CheckSpan(address, (ulong)destination.Length, PageFlags.Read);
        new ReadOnlySpan<byte>(host + address, destination.Length).CopyTo(destination);
    }

    /// <summary>Copies bytes into guest memory, checking write permission.</summary>
    public void WriteBytes(ulong address, ReadOnlySpan<byte> source)
    {
        if (source.Length == 0)
            return;
        CheckSpan(address, (ulong)source.Length, PageFlags.Write);
        source.CopyTo(new Span<byte>(host + address, source.Length));
    }

    /// <summary>Writes bytes ignoring guest protections (the loader filling read-only segments).</summary>
    public void Poke(ulong address, ReadOnlySpan<byte> source)
    {
        CheckSpan(address, (ulong)source.Length, PageFlags.Mapped);
        if (source.Length == 0)
            return;
        if (HostAllows(address, (ulong)source.Length, HostMemory.ProtWrite))
            source.CopyTo(new Span<byte>(host + address, source.Length));
        else
            WritePastHostProtections(address, source);
    }

    /// <summary>Copies guest bytes out ignoring guest protections; false (and nothing copied) if a page is unmapped.</summary>
    public bool TryPeek(ulong address, Span<byte> destination)
    {
        ulong end = address + (ulong)destination.Length;
        if (end > Size || end < address)
            return false;
        for (ulong p = address >> PageBits; p <= (end - 1) >> PageBits; p++)
            if ((pages[p] & PageFlags.Mapped) == 0)
                return false;
        if (destination.Length == 0)
            return true;
        if (HostAllows(address, (ulong)destination.Length, HostMemory.ProtRead))
            new ReadOnlySpan<byte>(host + address, destination.Length).CopyTo(destination);
        else
            ReadPastHostProtections(address, destination);
        return true;
    }

    /// <summary>A guest span as host memory after a permission check; valid until the range is unmapped.</summary>
    public Span<byte> Span(ulong address, int length, bool write)
    {
        if (length == 0)
            return [];
        CheckSpan(address, (ulong)length, write ? PageFlags.Write : PageFlags.Read);
        return new Span<byte>(host + address, length);
    }

    void CheckSpan(ulong address, ulong length, PageFlags need)
    {
        ulong end = address + length;
        if (end > Size || end < address)
            throw Fault(address, need, GuestFaultKind.Unmapped);
        bool code = false;
        for (ulong p = address >> PageBits; p <= (end - 1) >> PageBits; p++)
        {
            if ((pages[p] & need) != need)
                throw Fault(Math.Max(address, p << PageBits), need,
                    (pages[p] & PageFlags.Mapped) == 0 ? GuestFaultKind.Unmapped : GuestFaultKind.Permission);
            code |= (pages[p] & PageFlags.Execute) != 0;
        }
        if (code && (need & PageFlags.Write) != 0)
            WritingCode(address, end - 1);
    }

    /// <summary>Reads a NUL-terminated string (for paths and names in syscalls).</summary>
    public string ReadCString(ulong address, int max = 4096)
    {
        var bytes = new List<byte>();
        for (int i = 0; i < max; i++)
        {
            byte b = Read8(address + (ulong)i);
            if (b == 0)
                break;
            bytes.Add(b);
        }
        return System.Text.Encoding.UTF8.GetString(bytes.ToArray());
    }
}
