using A64Jit.Runtime.Engines;
using A64Jit.Runtime.Memory;

namespace A64Jit.Runtime.Linux;

// fork: a managed runtime cannot fork its host process, so the child runs on the parent's host
// thread while the parent waits (as after vfork), but on a copy of the parent's memory and with its
// own pid, dispositions and exit status (as after fork). That serves the common fork-then-exec (a
// shell running a command) and short-lived children (a subshell, a builtin in a pipeline); it cannot
// serve a parent and child that must run at the same time (a child that blocks writing to a pipe the
// parent reads only later waits forever).
public sealed partial class LinuxProcess
{
    /// <summary>The process a fork child lives in: a copy of <paramref name="parent"/>'s address space and state.</summary>
    LinuxProcess(LinuxProcess parent, int pid)
    {
        Engine = parent.Engine;
        Options = parent.Options;
        Pid = pid;
        forwardsHostSignals = false; // host signals are the parent's
        Memory = new GuestMemory(parent.Memory.Size);
        Memory.CodePageWritten += Engine.InvalidatePage;
        lock (parent.Memory)
            CopyAddressSpace(parent.Memory, Memory);
        BrkStart = parent.BrkStart;
        BrkCurrent = parent.BrkCurrent;
        ExecutablePath = parent.ExecutablePath;
        lock (parent.signalLock)
            Array.Copy(parent.actions, actions, actions.Length);
    }

    /// <summary>Maps every page of <paramref name="from"/> in <paramref name="to"/> with the same protections and contents.</summary>
    static void CopyAddressSpace(GuestMemory from, GuestMemory to)
    {
        for (ulong a = 0; a < from.Size; a += GuestMemory.PageSize)
        {
            var flags = from.FlagsAt(a);
            if (flags == PageFlags.None)
                continue;
            // One run of pages with the same protections at a time.
            ulong end = a + GuestMemory.PageSize;
            while (end < from.Size && from.FlagsAt(end) == flags)
                end += GuestMemory.PageSize;
            to.Map(a, end - a, flags & ~PageFlags.Mapped);
            if ((flags & PageFlags.Read) != 0)
                to.Poke(a, from.Span(a, (int)(end - a), write: false));
            a = end - GuestMemory.PageSize;
        }
    }

    /// <summary>
    /// fork(): runs the child (a copy of <paramref name="parent"/> returning 0, in a copy of this
    /// process) until it executes a program or exits; returns the child's pid to the parent.
    /// </summary>
    internal long RunForkChild(LinuxThread parent, ulong stack, ulong childTidAddress, bool setChildTid)
    {
        int pid = AllocateTid();
        using var child = new LinuxProcess(this, pid);
        var s = parent.State.Clone();
        s.X[0] = 0;
        if (stack != 0)
            s.Sp = stack;
        s.ExclusiveArmed = false;
        s.InstructionsRetired = 0;
        var thread = new LinuxThread(child, s, pid) { Blocked = parent.Blocked, Name = parent.Name };
        if (setChildTid)
            child.Memory.Write32(childTidAddress, (uint)pid);
        var v = new VforkChild(child, pid);
        thread.Vfork = v;
        thread.HostThread = Thread.CurrentThread;
        child.ThreadStarted(thread);
        try
        {
            thread.Run();
        }
        finally
        {
            v.Restore();
            Interlocked.Add(ref retiredByExitedThreads, s.InstructionsRetired);
        }
        if (v.HostPid > 0)
            return v.HostPid;
        lock (vforkZombies)
            vforkZombies[pid] = v.WaitStatus;
        return pid;
    }
}
