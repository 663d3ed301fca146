using A64Jit.Runtime.Cpu;

namespace A64Jit.Runtime.Linux;

// Child processes: vfork children run in place of their parent, and the statuses of those that
// ended without executing a program, for wait4.
public sealed partial class LinuxProcess
{
    readonly Dictionary<int, int> vforkZombies = [];

    /// <summary>
    /// Runs a vfork child on the calling (parent's) host thread until it executes a program or exits,
    /// then undoes its changes to the host process; returns the child's pid, as vfork does to the parent.
    /// </summary>
    internal long RunVforkChild(LinuxThread parent, ulong stack)
    {
        var s = parent.State.Clone();
        s.X[0] = 0;
        if (stack != 0)
            s.Sp = stack;
        s.ExclusiveArmed = false;
        s.InstructionsRetired = 0;
        int pid = AllocateTid();
        var child = new LinuxThread(this, s, pid) { Blocked = parent.Blocked, Name = parent.Name };
        var v = new VforkChild(this, pid);
        child.Vfork = v;
        child.HostThread = Thread.CurrentThread;
        try
        {
            child.Run();
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

    /// <summary>wait4 for a vfork child that ended without executing anything: (pid, status), or null.</summary>
    internal (int Pid, int Status)? ReapVforkChild(int pid)
    {
        lock (vforkZombies)
        {
            foreach (var (p, status) in vforkZombies)
            {
                if (pid == -1 || pid == 0 || pid == p)
                {
                    vforkZombies.Remove(p);
                    return (p, status);
                }
            }
        }
        return null;
    }
}
