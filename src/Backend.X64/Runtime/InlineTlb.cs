using System.Runtime.InteropServices;

namespace A64Jit.Backend.X64;

/// <summary>One entry of the inline TLB: the page numbers it answers for reads and writes, and VA-to-host addend.</summary>
[StructLayout(LayoutKind.Sequential, Size = 32)]
public struct InlineTlbEntry
{
    /// <summary>The virtual page number (VA &gt;&gt; 12) a read may use this entry for; <see cref="InlineTlb.Empty"/> when none.</summary>
    public ulong ReadTag;
    public ulong WriteTag;
    /// <summary>Host address minus guest VA, for every address in the page.</summary>
    public long Addend;
    ulong padding;
}

/// <summary>
/// The part of a full-system CPU's TLB that compiled code checks inline (architecture decision 6): a
/// direct-mapped table of RAM pages with the access the current EL may make to each. The runtime fills it
/// after a slow-path access succeeds and empties it whenever the answer could change (a TLB flush, an
/// exception entry or return, a PAN change, a page becoming code). An empty tag never matches a page number.
/// </summary>
public sealed unsafe class InlineTlb : IDisposable
{
    public const int Entries = 1024;
    public const int EntryShift = 5;
    public const int ReadTagOffset = 0, WriteTagOffset = 8, AddendOffset = 16;
    public const ulong Empty = ulong.MaxValue;

    public InlineTlbEntry* Table { get; } = (InlineTlbEntry*)NativeMemory.AlignedAlloc(Entries * 32, 64);

    public InlineTlb() => Clear();

    public void Clear()
    {
        for (int i = 0; i < Entries; i++)
            Table[i] = new InlineTlbEntry { ReadTag = Empty, WriteTag = Empty };
    }

    /// <summary>Forgets the page of <paramref name="va"/>.</summary>
    public void ClearPage(ulong va) => Table[(int)((va >> 12) & (Entries - 1))] = new InlineTlbEntry { ReadTag = Empty, WriteTag = Empty };

    /// <summary>Lets compiled code read and/or write the page of <paramref name="va"/> at <paramref name="host"/>.</summary>
    public void Fill(ulong va, byte* host, bool readable, bool writable)
    {
        ulong page = va >> 12;
        ref var e = ref Table[(int)(page & (Entries - 1))];
        long addend = (long)((ulong)host & ~0xFFFUL) - (long)(va & ~0xFFFUL);
        if (e.Addend != addend || (e.ReadTag != page && e.WriteTag != page))
        {
            e.ReadTag = Empty;
            e.WriteTag = Empty;
            e.Addend = addend;
        }
        if (readable)
            e.ReadTag = page;
        if (writable)
            e.WriteTag = page;
    }

    public void Dispose() => NativeMemory.AlignedFree(Table);
}
