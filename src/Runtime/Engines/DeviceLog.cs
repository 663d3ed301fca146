using A64Jit.Hypervisor.Cpu;
using A64Jit.Runtime.Machine;

namespace A64Jit.Runtime.Engines;

/// <summary>
/// Full-system lockstep: what the reference run of a block did to devices, in order (device-register reads
/// and writes on the bus, and system-register accesses owned by device models), so the JIT's run of the
/// same block can be fed the same answers without touching the devices a second time.
/// </summary>
public sealed class DeviceLog
{
    public enum Kind : byte { BusRead, BusWrite, SysRegRead, SysRegWrite }

    /// <summary>One access; <paramref name="Answered"/> is false for a bus access nothing answered (an external abort).</summary>
    public readonly record struct Entry(Kind Kind, ulong Address, int Size, ulong Value, bool Answered = true)
    {
        public override string ToString() => Kind switch
        {
            Kind.BusRead or Kind.BusWrite => $"{Kind} 0x{Address:x} ({Size} bytes) = 0x{Value:x}",
            _ => $"{Kind} {SystemCpu.NameOf((uint)Address)} = 0x{Value:x}",
        };
    }

    public List<Entry> Entries { get; } = [];
    int next;

    /// <summary>Differences between the replay and the record, for the lockstep report.</summary>
    public List<string> Mismatches { get; } = [];

    public void Clear()
    {
        Entries.Clear();
        Mismatches.Clear();
        next = 0;
    }

    public void Rewind()
    {
        next = 0;
        Mismatches.Clear();
    }

    /// <summary>Entries the replay did not reach.</summary>
    public IEnumerable<Entry> Unreplayed => Entries.Skip(next);

    /// <summary>The recorded answer to the next access, which must be the same access.</summary>
    public (ulong Value, bool Answered) Replay(Kind kind, ulong address, int size, ulong value)
    {
        if (next >= Entries.Count)
        {
            Mismatches.Add($"the JIT made an access the interpreter did not: {new Entry(kind, address, size, value)}");
            return (0, true);
        }
        var e = Entries[next++];
        bool isWrite = kind is Kind.BusWrite or Kind.SysRegWrite;
        if (e.Kind != kind || e.Address != address || e.Size != size || (isWrite && e.Value != value))
            Mismatches.Add($"device access: interpreter {e}, jit {new Entry(kind, address, size, value)}");
        return (e.Value, e.Answered);
    }
}

/// <summary>The reference run's bus: RAM stores are logged for undo, device accesses happen and are recorded.</summary>
public sealed unsafe class RecordingBus(IPhysicalBus inner, DeviceLog log) : IPhysicalBus
{
    readonly List<(ulong Address, byte[] Old)> undo = [];

    public bool IsRam(ulong pa, int size) => inner.IsRam(pa, size);
    public byte* HostAddress(ulong pa) => inner.HostAddress(pa);
    public bool TryReadU64(ulong pa, out ulong value) => inner.TryReadU64(pa, out value);
    public bool MarkCode(ulong pa) => inner.MarkCode(pa);
    public bool IsCodePage(ulong pa) => inner.IsCodePage(pa);

    public bool TryRead(ulong pa, int size, out ulong value)
    {
        bool ok = inner.TryRead(pa, size, out value);
        if (!inner.IsRam(pa, size))
            log.Entries.Add(new(DeviceLog.Kind.BusRead, pa, size, value, ok));
        return ok;
    }

    public bool TryWrite(ulong pa, int size, ulong value)
    {
        if (inner.IsRam(pa, size))
            Save(pa, size);
        bool ok = inner.TryWrite(pa, size, value);
        if (!inner.IsRam(pa, size))
            log.Entries.Add(new(DeviceLog.Kind.BusWrite, pa, size, value, ok));
        return ok;
    }

    public void NoteStore(ulong pa, int size)
    {
        Save(pa, size);
        inner.NoteStore(pa, size);
    }

    void Save(ulong pa, int size) => undo.Add((pa, new ReadOnlySpan<byte>(inner.HostAddress(pa), size).ToArray()));

    /// <summary>Every RAM byte the run stored, with the value it left.</summary>
    public Dictionary<ulong, byte> Stored()
    {
        var result = new Dictionary<ulong, byte>();
        foreach (var (pa, old) in undo)
            for (int i = 0; i < old.Length; i++)
                result[pa + (ulong)i] = *inner.HostAddress(pa + (ulong)i);
        return result;
    }

    /// <summary>Puts back what the run's stores overwrote, newest first.</summary>
    public void Undo()
    {
        for (int i = undo.Count - 1; i >= 0; i--)
            undo[i].Old.CopyTo(new Span<byte>(inner.HostAddress(undo[i].Address), undo[i].Old.Length));
        undo.Clear();
    }
}

/// <summary>The JIT run's bus: RAM is real, device accesses are answered from the record and checked against it.</summary>
public sealed unsafe class ReplayingBus(IPhysicalBus inner, DeviceLog log) : IPhysicalBus
{
    public bool IsRam(ulong pa, int size) => inner.IsRam(pa, size);
    public byte* HostAddress(ulong pa) => inner.HostAddress(pa);
    public bool TryReadU64(ulong pa, out ulong value) => inner.TryReadU64(pa, out value);
    public bool MarkCode(ulong pa) => inner.MarkCode(pa);
    public bool IsCodePage(ulong pa) => inner.IsCodePage(pa);
    public void NoteStore(ulong pa, int size) => inner.NoteStore(pa, size);

    public bool TryRead(ulong pa, int size, out ulong value)
    {
        if (inner.IsRam(pa, size))
            return inner.TryRead(pa, size, out value);
        (value, bool answered) = log.Replay(DeviceLog.Kind.BusRead, pa, size, 0);
        return answered;
    }

    public bool TryWrite(ulong pa, int size, ulong value)
    {
        if (inner.IsRam(pa, size))
            return inner.TryWrite(pa, size, value);
        return log.Replay(DeviceLog.Kind.BusWrite, pa, size, value).Answered;
    }
}

/// <summary>Device-owned system registers during lockstep: recorded around the real devices, or replayed.</summary>
public sealed class LoggedSysRegDevices(IReadOnlyList<ISysRegDevice> real, DeviceLog log, bool replay) : ISysRegDevice
{
    public bool TryRead(uint encoding, out ulong value)
    {
        if (replay)
        {
            value = log.Replay(DeviceLog.Kind.SysRegRead, encoding, 8, 0).Value;
            return true;
        }
        foreach (var d in real)
            if (d.TryRead(encoding, out value))
            {
                log.Entries.Add(new(DeviceLog.Kind.SysRegRead, encoding, 8, value));
                return true;
            }
        value = 0;
        return false;
    }

    public bool TryWrite(uint encoding, ulong value)
    {
        if (replay)
        {
            log.Replay(DeviceLog.Kind.SysRegWrite, encoding, 8, value);
            return true;
        }
        foreach (var d in real)
            if (d.TryWrite(encoding, value))
            {
                log.Entries.Add(new(DeviceLog.Kind.SysRegWrite, encoding, 8, value));
                return true;
            }
        return false;
    }
}
