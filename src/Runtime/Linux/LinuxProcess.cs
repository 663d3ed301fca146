using A64Jit.Runtime.Cpu;
using A64Jit.Runtime.Engines;
using A64Jit.Runtime.Loader;
using A64Jit.Runtime.Memory;

namespace A64Jit.Runtime.Linux;

/// <summary>
/// One emulated Linux process: its address space, its threads, its brk and mmap state, and
/// process-wide signal dispositions. Guest file descriptors are host descriptors.
/// </summary>
public sealed partial class LinuxProcess : IDisposable
{
    /// <summary>Top of the initial stack and size reserved for it.</summary>
    public const ulong StackTop = 0xF_FFFF_0000;
    public const ulong StackSize = 8UL << 20;

    /// <summary>mmap without a hint allocates downwards from here.</summary>
    public const ulong MmapTop = 0xF_0000_0000;

    public GuestMemory Memory { get; }
    public IEngine Engine { get; }
    public ProcessOptions Options { get; }
    public UserModeSystemRegisters SystemRegisters { get; } = new();

    /// <summary>Program break: start and current end (page-granular mapping, byte-granular break).</summary>
    public ulong BrkStart { get; private set; }
    public ulong BrkCurrent { get; set; }

    public int Pid { get; } = HostLibc.GetPid();

    /// <summary>Exit status once the process has exited (exit_group, or a fatal signal: 128 + signal).</summary>
    public int? ExitStatus { get; private set; }

    readonly HashSet<int> warnedSyscalls = [];
    readonly Lock processLock = new();

    public LinuxProcess(IEngine engine, ProcessOptions options)
    {
        Engine = engine;
        Options = options;
        Memory = new GuestMemory(guarded: options.GuardedMemory);
        Memory.CodePageWritten += engine.InvalidatePage;
    }

    /// <summary>Releases guest memory, unless a thread that never stopped could still touch it.</summary>
    public void Dispose()
    {
        StopTimers();
        if (!stuckThreads)
            Memory.Dispose();
    }

    /// <summary>A page above the stack with `mov x8, #139; svc #0`: the return address of handlers installed without SA_RESTORER.</summary>
    public const ulong SigreturnTrampoline = StackTop + 0xF000;

    void MapSigreturnTrampoline()
    {
        Memory.Map(SigreturnTrampoline, GuestMemory.PageSize, PageFlags.Read | PageFlags.Execute);
        Memory.Poke(SigreturnTrampoline, [0x68, 0x11, 0x80, 0xD2, 0x01, 0x00, 0x00, 0xD4]);
    }

    /// <summary>Loads the executable, builds the initial stack and returns the main thread ready to run.</summary>
    public LinuxThread Load(string path, IReadOnlyList<string> argv, IReadOnlyList<string> envp)
    {
        var elf = ReadImage(path);
        var state = LoadImage(elf, path, argv, envp);
        var main = new LinuxThread(this, state, Pid) { Name = TaskName(path) };
        ThreadStarted(main);
        return main;
    }

    /// <summary>Reads and validates an executable; throws <see cref="BadImageException"/>.</summary>
    public static ElfImage ReadImage(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BadImageException($"{path}: {e.Message}");
        }
        return ElfImage.Parse(bytes, path);
    }

    /// <summary>Maps an image, its stack and the sigreturn page into (empty) guest memory; returns the initial CPU state.</summary>
    CpuState LoadImage(ElfImage elf, string path, IReadOnlyList<string> argv, IReadOnlyList<string> envp)
    {
        var loaded = ElfLoader.Load(elf, Memory, path);
        BrkStart = BrkCurrent = loaded.End;
        Memory.Map(StackTop - StackSize, StackSize, PageFlags.Read | PageFlags.Write);
        MapSigreturnTrampoline();
        var ids = SystemRegisters.Ids;
        ulong sp = InitialStack.Build(Memory, StackTop, new InitialStack.Inputs(
            argv, envp, path, loaded.PhdrAddress, loaded.PhdrCount, loaded.Entry, ids.Hwcap, ids.Hwcap2));
        ExecutablePath = Path.GetFullPath(path);
        return new CpuState { Pc = loaded.Entry, Sp = sp };
    }

    /// <summary>The kernel's comm: the executable's file name, cut to 15 bytes.</summary>
    static string TaskName(string path)
    {
        string name = Path.GetFileName(path);
        return name.Length > 15 ? name[..15] : name;
    }

    /// <summary>Ends the whole process with the given status (first caller wins) and wakes every thread so it stops.</summary>
    public void Exit(int status)
    {
        lock (processLock)
        {
            ExitStatus ??= status;
            hasExited = true;
        }
        exited.Set();
        StopTimers();
        foreach (var t in Threads)
            t.Wake();
    }

    volatile bool hasExited;

    /// <summary>The process has exited; threads check this at every block boundary (a volatile read, no lock).</summary>
    public bool HasExited => hasExited;

    readonly HashSet<string> warnings = [];

    /// <summary>Logs a warning the first time <paramref name="key"/> comes up.</summary>
    public void WarnOnce(string key, string message)
    {
        lock (warnings)
            if (!warnings.Add(key))
                return;
        Options.Log($"a64jit: warning: {message}");
    }

    /// <summary>Warns once per syscall number on stderr (or throws under --strict).</summary>
    public void UnknownSyscall(int number, ulong pc)
    {
        string name = SyscallTable.NameOf(number);
        if (Options.Strict)
            throw new GuestTerminatedException($"unimplemented syscall {number} ({name}) at pc 0x{pc:x}");
        lock (warnedSyscalls)
        {
            if (warnedSyscalls.Add(number))
                Options.Log($"a64jit: warning: unimplemented syscall {number} ({name}), returning -ENOSYS");
        }
    }
}

public sealed class ProcessOptions
{
    /// <summary>Unknown syscalls are fatal instead of returning -ENOSYS.</summary>
    public bool Strict { get; init; }

    /// <summary>
    /// Guest memory with host protections that follow the guest's, so compiled loads and stores only
    /// check bounds and let the host fault (--memory guarded); otherwise they check the page table.
    /// </summary>
    public bool GuardedMemory { get; init; }

    /// <summary>Where a64jit's own messages go (stderr by default).</summary>
    public Action<string> Log { get; init; } = Console.Error.WriteLine;
}

/// <summary>The emulation cannot continue (under --strict, or an internal limit); the message says why.</summary>
public sealed class GuestTerminatedException(string message) : Exception(message);
