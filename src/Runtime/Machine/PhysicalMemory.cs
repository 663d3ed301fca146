using System.Runtime.CompilerServices;
using A64Jit.Runtime.Memory;

namespace A64Jit.Runtime.Machine;

/// <summary>
/// The machine's physical address space: one RAM region in a host reservation, and device frames. An
/// address in neither is a synchronous external abort for the access that reached it. RAM pages that
/// hold translated code are marked, so a store to one invalidates the translations (self-modifying code
/// through any mapping, which is why this is by physical page).
/// </summary>
public sealed unsafe class PhysicalMemory : IDisposable, IPhysicalBus
{
    readonly byte* ram;
    readonly byte[] codePages;
    readonly List<(ulong Base, ulong Size, IMmioDevice Device)> devices = [];

    public ulong RamBase { get; }
    public ulong RamSize { get; }

    /// <summary>Raised after a store to a RAM page that holds translated code, with the physical address.</summary>
    public event Action<ulong>? CodePageWritten;

    public PhysicalMemory(ulong ramBase, ulong ramSize)
    {
        if ((ramBase & GuestMemory.PageMask) != 0 || (ramSize & GuestMemory.PageMask) != 0 || ramSize == 0)
            throw new ArgumentException($"RAM must be whole pages (base 0x{ramBase:x}, size 0x{ramSize:x})");
        RamBase = ramBase;
        RamSize = ramSize;
        ram = (byte*)HostMemory.Reserve(ramSize);
        HostMemory.Protect((nint)ram, ramSize, HostMemory.ProtRead | HostMemory.ProtWrite);
        codePages = new byte[ramSize >> GuestMemory.PageBits];
    }

    public void AddDevice(ulong baseAddress, ulong size, IMmioDevice device) => devices.Add((baseAddress, size, device));

    /// <summary>Is [pa, pa+size) inside RAM?</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsRam(ulong pa, int size) => pa - RamBase < RamSize && pa - RamBase + (ulong)size <= RamSize;

    /// <summary>Host address of a RAM physical address (the caller checked <see cref="IsRam"/>).</summary>
    public byte* HostAddress(ulong pa) => ram + (pa - RamBase);

    /// <summary>The RAM bytes [pa, pa+length) as a span (loaders, the device-tree writer); throws outside RAM.</summary>
    public Span<byte> RamSpan(ulong pa, int length)
    {
        if (!IsRam(pa, length))
            throw new ArgumentOutOfRangeException(nameof(pa), $"0x{pa:x}+0x{length:x} is not in RAM");
        return new Span<byte>(HostAddress(pa), length);
    }

    /// <summary>The device frame holding <paramref name="pa"/>, with the offset into it.</summary>
    public (IMmioDevice Device, ulong Offset)? DeviceAt(ulong pa)
    {
        foreach (var (b, size, device) in devices)
            if (pa - b < size)
                return (device, pa - b);
        return null;
    }

    /// <summary>Reads a little-endian value; false when nothing answers at the address (an external abort).</summary>
    public bool TryRead(ulong pa, int size, out ulong value)
    {
        if (IsRam(pa, size))
        {
            byte* p = HostAddress(pa);
            value = size switch
            {
                1 => *p,
                2 => Unsafe.ReadUnaligned<ushort>(p),
                4 => Unsafe.ReadUnaligned<uint>(p),
                _ => Unsafe.ReadUnaligned<ulong>(p),
            };
            return true;
        }
        if (DeviceAt(pa) is { } d)
        {
            value = d.Device.Read(d.Offset, size);
            return true;
        }
        value = 0;
        return false;
    }

    /// <summary>Writes a little-endian value; false when nothing answers at the address.</summary>
    public bool TryWrite(ulong pa, int size, ulong value)
    {
        if (IsRam(pa, size))
        {
            byte* p = HostAddress(pa);
            switch (size)
            {
                case 1: *p = (byte)value; break;
                case 2: Unsafe.WriteUnaligned(p, (ushort)value); break;
                case 4: Unsafe.WriteUnaligned(p, (uint)value); break;
                default: Unsafe.WriteUnaligned(p, value); break;
            }
            NoteStore(pa, size);
            return true;
        }
        if (DeviceAt(pa) is { } d)
        {
            d.Device.Write(d.Offset, size, value);
            return true;
        }
        return false;
    }

    /// <summary>A page-table walk's descriptor read: RAM only (tables in device memory are an external abort).</summary>
    public bool TryReadU64(ulong pa, out ulong value)
    {
        if (IsRam(pa, 8))
        {
            value = Unsafe.ReadUnaligned<ulong>(HostAddress(pa));
            return true;
        }
        value = 0;
        return false;
    }

    /// <summary>Marks the RAM page of <paramref name="pa"/> as holding translated code; true when it was not marked before.</summary>
    public bool MarkCode(ulong pa)
    {
        if (!IsRam(pa, 1))
            return false;
        ref byte mark = ref codePages[(pa - RamBase) >> GuestMemory.PageBits];
        if (mark != 0)
            return false;
        Volatile.Write(ref mark, 1);
        return true;
    }

    /// <summary>Does the RAM page of <paramref name="pa"/> hold translated code (stores to it must take the slow path)?</summary>
    public bool IsCodePage(ulong pa) => IsRam(pa, 1) && codePages[(pa - RamBase) >> GuestMemory.PageBits] != 0;

    /// <summary>After a store to RAM: if it touched a code page, the page stops being one and its translations go.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void NoteStore(ulong pa, int size)
    {
        ulong first = (pa - RamBase) >> GuestMemory.PageBits, last = (pa - RamBase + (ulong)size - 1) >> GuestMemory.PageBits;
        for (ulong page = first; page <= last && page < (ulong)codePages.Length; page++)
            if (codePages[page] != 0)
            {
                codePages[page] = 0;
                CodePageWritten?.Invoke(RamBase + (page << GuestMemory.PageBits));
            }
    }

    public void Dispose() => HostMemory.Release((nint)ram, RamSize);
}
