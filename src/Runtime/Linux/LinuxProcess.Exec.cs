using A64Jit.Runtime.Cpu;
using A64Jit.Runtime.Loader;
using A64Jit.Runtime.Memory;

namespace A64Jit.Runtime.Linux;

// execve of an AArch64 executable: the process keeps its pid, descriptors, signal mask and ignored
// signals, and gets a fresh address space, stack and main thread, as fs/exec.c does.
public sealed partial class LinuxProcess
{
    /// <summary>
    /// Replaces the process image with <paramref name="elf"/>: the other threads end (de_thread), guest
    /// memory and translations are dropped, caught signals return to their defaults, and
    /// <paramref name="caller"/> becomes the main thread at the new entry point.
    /// Descriptors marked close-on-exec stay open: they are host descriptors, and a64jit cannot tell
    /// the guest's from the host runtime's own (which are all close-on-exec).
    /// </summary>
    internal void ExecInPlace(LinuxThread caller, ElfImage elf, string path, IReadOnlyList<string> argv, IReadOnlyList<string> envp)
    {
        StopOtherThreads(caller);
        WipeAddressSpace();
        var state = LoadImage(elf, path, argv, envp);
        ResetHandlersForExec();
        caller.BecomeNewImage(state, Pid, TaskName(path));
    }

    void StopOtherThreads(LinuxThread caller)
    {
        var others = Threads.Where(t => t != caller).ToList();
        foreach (var t in others)
        {
            t.Exited = true;
            t.Wake();
        }
        foreach (var t in others)
        {
            if (t.HostThread is Thread h && h != Thread.CurrentThread && !h.Join(TimeSpan.FromSeconds(2)))
                stuckThreads = true;
            ThreadExited(t);
        }
    }

    void WipeAddressSpace()
    {
        lock (Memory)
        {
            foreach (var (start, length, flags) in Memory.MappedRegions().ToList())
            {
                if ((flags & PageFlags.Execute) != 0)
                    for (ulong a = start; a < start + length; a += GuestMemory.PageSize)
                        Engine.InvalidatePage(a);
                Memory.Unmap(start, length);
            }
        }
    }
}

public sealed partial class LinuxThread
{
    /// <summary>The host thread running this guest thread (set when it starts).</summary>
    internal Thread? HostThread { get; set; }

    /// <summary>After execve: the new image's registers, the process's id, and no per-thread leftovers.</summary>
    internal void BecomeNewImage(CpuState fresh, int tid, string name)
    {
        Array.Copy(fresh.X, State.X, State.X.Length);
        Array.Copy(fresh.V, State.V, State.V.Length);
        State.Sp = fresh.Sp;
        State.Pc = fresh.Pc;
        State.Nzcv = 0;
        State.Fpcr = 0;
        State.Fpsr = 0;
        State.TpidrEl0 = 0;
        State.TpidrroEl0 = 0;
        State.ExclusiveArmed = false;
        Tid = tid;
        Name = name;
        AltStack = SignalFrame.AltStack.Disabled;
        ClearChildTid = 0;
        RobustListHead = 0;
        restartable = null;
        maskAfterSuspend = null;
    }
}
