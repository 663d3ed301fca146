using System.Runtime.InteropServices;

namespace A64Jit.Backend.X64;

/// <summary>
/// Executable memory kept W^X by double mapping: one memfd mapped twice, read-write for the emitter
/// and read-execute for running, so no page is ever writable and executable through the same view.
/// A bump allocator over a fixed region: when it is full the whole cache is flushed (<see cref="Reset"/>)
/// and allocation carries on; <see cref="Generation"/> tells holders of old addresses that they are stale.
/// </summary>
public sealed partial class ExecutableMemory : IDisposable
{
    public const int DefaultCapacity = 64 << 20;
    const int Alignment = 16;

    readonly Lock gate = new();
    readonly int fd;
    nint rw;
    nint rx;
    int used;

    public int Capacity { get; }
    public int Used => used;

    /// <summary>Bumped by every flush; code addresses handed out under an older generation are dead.</summary>
    public int Generation { get; private set; }

    /// <summary>The start of the executable view.</summary>
    public nint ExecutableBase => rx;

    public ExecutableMemory(int capacity = DefaultCapacity)
    {
        if (capacity <= 0 || capacity % Environment.SystemPageSize != 0)
            throw new ArgumentOutOfRangeException(nameof(capacity), "must be a positive multiple of the page size");
        Capacity = capacity;
        fd = MemfdCreate("a64jit-code", MfdCloexec);
        if (fd < 0)
            throw Error("memfd_create");
        try
        {
            if (Ftruncate(fd, capacity) != 0)
                throw Error("ftruncate");
            rw = Mmap(0, (nuint)capacity, ProtRead | ProtWrite, MapShared, fd, 0);
            if (rw == MapFailed)
                throw Error("mmap (rw)");
            rx = Mmap(0, (nuint)capacity, ProtRead | ProtExec, MapShared, fd, 0);
            if (rx == MapFailed)
            {
                Munmap(rw, (nuint)capacity);
                throw Error("mmap (rx)");
            }
        }
        catch
        {
            Close(fd);
            throw;
        }
    }

    /// <summary>Copies code into the cache and returns its executable address, flushing the cache first when it is full.</summary>
    public nint Allocate(ReadOnlySpan<byte> code)
    {
        if (code.Length > Capacity)
            throw new ArgumentException($"{code.Length} bytes of code do not fit a {Capacity}-byte cache", nameof(code));
        lock (gate)
        {
            if (!TryAllocateLocked(code, out nint address))
            {
                ResetLocked();
                TryAllocateLocked(code, out address);
            }
            return address;
        }
    }

    /// <summary>Copies code into the cache unless it is full; never flushes.</summary>
    public bool TryAllocate(ReadOnlySpan<byte> code, out nint address)
    {
        lock (gate)
            return TryAllocateLocked(code, out address);
    }

    /// <summary>The read-write view of an address in the executable view (to patch code in place).</summary>
    public nint WritableAddress(nint executable)
    {
        if (executable < rx || executable >= rx + Capacity)
            throw new ArgumentOutOfRangeException(nameof(executable), "not inside this executable memory");
        return rw + (executable - rx);
    }

    /// <summary>Forgets every allocation: the next code goes at the start of the region again.</summary>
    public void Reset()
    {
        lock (gate)
            ResetLocked();
    }

    unsafe bool TryAllocateLocked(ReadOnlySpan<byte> code, out nint address)
    {
        ObjectDisposedException.ThrowIf(rw == 0, this);
        int start = (used + Alignment - 1) & ~(Alignment - 1);
        if (start > Capacity || Capacity - start < code.Length)
        {
            address = 0;
            return false;
        }
        code.CopyTo(new Span<byte>((byte*)rw + start, code.Length));
        used = start + code.Length;
        address = rx + start;
        return true;
    }

    unsafe void ResetLocked()
    {
        ObjectDisposedException.ThrowIf(rw == 0, this);
        // Fill with int3 so a stale jump into flushed code traps instead of running garbage.
        new Span<byte>((void*)rw, used).Fill(0xCC);
        used = 0;
        Generation++;
    }

    public void Dispose()
    {
        lock (gate)
        {
            if (rw == 0)
                return;
            Munmap(rw, (nuint)Capacity);
            Munmap(rx, (nuint)Capacity);
            Close(fd);
            rw = rx = 0;
        }
    }

    static Exception Error(string what) =>
        new InvalidOperationException($"{what} failed: errno {Marshal.GetLastPInvokeError()}");

    const uint MfdCloexec = 1;
    const int ProtRead = 1, ProtWrite = 2, ProtExec = 4;
    const int MapShared = 1;
    static readonly nint MapFailed = -1;

    [LibraryImport("libc", EntryPoint = "memfd_create", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int MemfdCreate(string name, uint flags);

    [LibraryImport("libc", EntryPoint = "ftruncate", SetLastError = true)]
    private static partial int Ftruncate(int fd, long length);

    [LibraryImport("libc", EntryPoint = "mmap", SetLastError = true)]
    private static partial nint Mmap(nint address, nuint length, int prot, int flags, int fd, long offset);

    [LibraryImport("libc", EntryPoint = "munmap", SetLastError = true)]
    private static partial int Munmap(nint address, nuint length);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
