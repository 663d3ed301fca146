using A64Jit.Runtime.Cpu;
using A64Jit.Runtime.Memory;

namespace A64Jit.Runtime.Linux.ProcessModel;

/// <summary>
/// Everything a forked child needs to continue as a copy of its parent: the calling thread's
/// registers, every mapped page (protections, and the contents of pages that are not all zero),
/// brk, the executable path, umask, the engine options, and named sections for state other parts
/// of the runtime own (signal dispositions and mask go in <see cref="Sections"/>, so adding such
/// state needs no change of format). Written to a memfd the new a64jit process reads.
/// </summary>
public sealed class ProcessSnapshot
{
    const ulong Magic = 0x3150_414E_5334_3641; // "A64SNAP1"

    public CpuState State { get; init; } = new();
    public string ExecutablePath { get; set; } = "";
    public ulong BrkStart { get; set; }
    public ulong BrkCurrent { get; set; }
    public int Umask { get; set; }
    public string Engine { get; set; } = "jit";
    public bool Strict { get; set; }
    public bool GuardedMemory { get; set; }

    /// <summary>CLONE_CHILD_SETTID: where the child writes its tid (0: nowhere).</summary>
    public ulong ChildSetTid { get; set; }

    /// <summary>CLONE_CHILD_CLEARTID: the child thread's clear_child_tid.</summary>
    public ulong ChildClearTid { get; set; }

    public List<(ulong Address, ulong Length, PageFlags Flags)> Regions { get; } = [];

    /// <summary>Contents of the mapped pages that hold a non-zero byte (one page each).</summary>
    public List<(ulong Address, byte[] Data)> Pages { get; } = [];

    /// <summary>Extra state by name (e.g. "signals"), opaque to the snapshot.</summary>
    public Dictionary<string, byte[]> Sections { get; } = [];

    /// <summary>Copies the address space of <paramref name="memory"/> into this snapshot.</summary>
    public void CaptureMemory(GuestMemory memory)
    {
        foreach (var region in memory.MappedRegions())
        {
            Regions.Add(region);
            for (ulong page = region.Address; page < region.Address + region.Length; page += GuestMemory.PageSize)
            {
                var bytes = memory.Raw(page, (int)GuestMemory.PageSize);
                if (bytes.IndexOfAnyExcept((byte)0) >= 0)
                    Pages.Add((page, bytes.ToArray()));
            }
        }
    }

    /// <summary>Maps and fills the captured address space into an empty <paramref name="memory"/>.</summary>
    public void RestoreMemory(GuestMemory memory)
    {
        foreach (var (address, length, flags) in Regions)
            memory.Map(address, length, flags & ~PageFlags.Mapped);
        foreach (var (address, data) in Pages)
            memory.Poke(address, data);
    }

    public void Write(Stream stream)
    {
        using var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        w.Write(Magic);
        WriteState(w, State);
        w.Write(ExecutablePath);
        w.Write(BrkStart);
        w.Write(BrkCurrent);
        w.Write(Umask);
        w.Write(Engine);
        w.Write(Strict);
        w.Write(GuardedMemory);
        w.Write(ChildSetTid);
        w.Write(ChildClearTid);
        w.Write(Regions.Count);
        foreach (var (address, length, flags) in Regions)
        {
            w.Write(address);
            w.Write(length);
            w.Write((byte)flags);
        }
        w.Write(Pages.Count);
        foreach (var (address, data) in Pages)
        {
            w.Write(address);
            w.Write(data);
        }
        WriteSections(w, Sections);
    }

    public static ProcessSnapshot Read(Stream stream)
    {
        using var r = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        if (r.ReadUInt64() != Magic)
            throw new InvalidDataException("not an a64jit process snapshot");
        var s = new ProcessSnapshot { State = ReadState(r) };
        s.ExecutablePath = r.ReadString();
        s.BrkStart = r.ReadUInt64();
        s.BrkCurrent = r.ReadUInt64();
        s.Umask = r.ReadInt32();
        s.Engine = r.ReadString();
        s.Strict = r.ReadBoolean();
        s.GuardedMemory = r.ReadBoolean();
        s.ChildSetTid = r.ReadUInt64();
        s.ChildClearTid = r.ReadUInt64();
        int regions = r.ReadInt32();
        for (int i = 0; i < regions; i++)
            s.Regions.Add((r.ReadUInt64(), r.ReadUInt64(), (PageFlags)r.ReadByte()));
        int pages = r.ReadInt32();
        for (int i = 0; i < pages; i++)
            s.Pages.Add((r.ReadUInt64(), r.ReadBytes((int)GuestMemory.PageSize)));
        ReadSections(r, s.Sections);
        return s;
    }

    internal static void WriteSections(BinaryWriter w, Dictionary<string, byte[]> sections)
    {
        w.Write(sections.Count);
        foreach (var (name, data) in sections)
        {
            w.Write(name);
            w.Write(data.Length);
            w.Write(data);
        }
    }

    internal static void ReadSections(BinaryReader r, Dictionary<string, byte[]> sections)
    {
        int count = r.ReadInt32();
        for (int i = 0; i < count; i++)
        {
            string name = r.ReadString();
            sections[name] = r.ReadBytes(r.ReadInt32());
        }
    }

    static void WriteState(BinaryWriter w, CpuState s)
    {
        foreach (ulong x in s.X)
            w.Write(x);
        w.Write(s.Sp);
        w.Write(s.Pc);
        w.Write(s.Nzcv);
        foreach (var v in s.V)
        {
            w.Write((ulong)v);
            w.Write((ulong)(v >> 64));
        }
        w.Write(s.Fpcr);
        w.Write(s.Fpsr);
        w.Write(s.TpidrEl0);
        w.Write(s.TpidrroEl0);
    }

    static CpuState ReadState(BinaryReader r)
    {
        var s = new CpuState();
        for (int i = 0; i < s.X.Length; i++)
            s.X[i] = r.ReadUInt64();
        s.Sp = r.ReadUInt64();
        s.Pc = r.ReadUInt64();
        s.Nzcv = r.ReadUInt32();
        for (int i = 0; i < s.V.Length; i++)
        {
            ulong lo = r.ReadUInt64(), hi = r.ReadUInt64();
            s.V[i] = ((UInt128)hi << 64) | lo;
        }
        s.Fpcr = r.ReadUInt32();
        s.Fpsr = r.ReadUInt32();
        s.TpidrEl0 = r.ReadUInt64();
        s.TpidrroEl0 = r.ReadUInt64();
        return s;
    }
}

/// <summary>
/// What the a64jit that replaces a process by execve needs: the guest executable, its argv and envp
/// (exactly the guest's; the host environment of a64jit itself is not involved), the engine options,
/// and named sections for state that survives execve (ignored signals, the signal mask).
/// </summary>
public sealed class ExecRequest
{
    const ulong Magic = 0x3143_4558_4534_3641; // "A64EXEC1"

    public string Path { get; set; } = "";
    public List<string> Argv { get; init; } = [];
    public List<string> Envp { get; init; } = [];
    public string Engine { get; set; } = "jit";
    public bool Strict { get; set; }
    public bool GuardedMemory { get; set; }
    public Dictionary<string, byte[]> Sections { get; } = [];

    public void Write(Stream stream)
    {
        using var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        w.Write(Magic);
        w.Write(Path);
        w.Write(Argv.Count);
        Argv.ForEach(w.Write);
        w.Write(Envp.Count);
        Envp.ForEach(w.Write);
        w.Write(Engine);
        w.Write(Strict);
        w.Write(GuardedMemory);
        ProcessSnapshot.WriteSections(w, Sections);
    }

    public static ExecRequest Read(Stream stream)
    {
        using var r = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        if (r.ReadUInt64() != Magic)
            throw new InvalidDataException("not an a64jit exec request");
        var e = new ExecRequest { Path = r.ReadString() };
        int argc = r.ReadInt32();
        for (int i = 0; i < argc; i++)
            e.Argv.Add(r.ReadString());
        int envc = r.ReadInt32();
        for (int i = 0; i < envc; i++)
            e.Envp.Add(r.ReadString());
        e.Engine = r.ReadString();
        e.Strict = r.ReadBoolean();
        e.GuardedMemory = r.ReadBoolean();
        ProcessSnapshot.ReadSections(r, e.Sections);
        return e;
    }
}
