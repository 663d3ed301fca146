using System.Runtime.ExceptionServices;

namespace A64Jit.Runtime.Linux;

// The process's threads: thread ids, the host threads that run them, and the futex table they share.
// Every guest thread, the main one included, runs on its own host thread, so that exit_group from any
// thread ends the process even while another sits in a host system call.
public sealed partial class LinuxProcess
{
    readonly List<LinuxThread> threads = [];
    readonly List<Thread> hostThreads = [];
    readonly ManualResetEventSlim exited = new();
    ExceptionDispatchInfo? fatal;
    int lastTid;
    long retiredByExitedThreads;

    /// <summary>Host stack for a guest thread: the interpreter and lifter recurse a little.</summary>
    const int HostStackSize = 16 << 20;

    public FutexTable Futexes { get; } = new();

    /// <summary>The live guest threads (a snapshot).</summary>
    public IReadOnlyList<LinuxThread> Threads
    {
        get
        {
            lock (threads)
                return [.. threads];
        }
    }

    public LinuxThread? FindThread(int tid)
    {
        lock (threads)
            return threads.Find(t => t.Tid == tid);
    }

    /// <summary>A new thread id. Ids are a64jit's own (the main thread's is the host pid), never host tids.</summary>
    public int AllocateTid()
    {
        lock (threads)
        {
            if (lastTid == 0)
                lastTid = Pid;
            return ++lastTid;
        }
    }

    public void ThreadStarted(LinuxThread thread)
    {
        lock (threads)
            threads.Add(thread);
    }

    /// <summary>Forgets an exited thread; true when it was the last one.</summary>
    public bool ThreadExited(LinuxThread thread)
    {
        lock (threads)
        {
            threads.Remove(thread);
            return threads.Count == 0;
        }
    }

    /// <summary>Runs a guest thread on a new host thread.</summary>
    public void StartHostThread(LinuxThread thread)
    {
        var host = new Thread(() => RunOnHost(thread), HostStackSize) { IsBackground = true, Name = $"guest tid {thread.Tid}" };
        thread.HostThread = host;
        lock (hostThreads)
            hostThreads.Add(host);
        host.Start();
    }

    void RunOnHost(LinuxThread thread)
    {
        try
        {
            thread.Run();
        }
        catch (Exception e)
        {
            // An internal error or --strict ends the whole process; Run rethrows it on the caller's thread.
            lock (processLock)
                fatal ??= ExceptionDispatchInfo.Capture(e);
            Exit(128 + Signals.SIGKILL);
        }
        finally
        {
            Interlocked.Add(ref retiredByExitedThreads, thread.State.InstructionsRetired);
            if (ThreadExited(thread) && !HasExited)
                Exit(0);
        }
    }

    /// <summary>Runs the process (its main thread and any it creates) until it exits; returns the exit status.</summary>
    public int Run(LinuxThread main)
    {
        StartHostThread(main);
        exited.Wait();
        // The other threads stop at their next block boundary; a thread blocked in a host call may not.
        Thread[] hosts;
        lock (hostThreads)
            hosts = [.. hostThreads];
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(2);
        foreach (var h in hosts)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !h.Join(left))
                stuckThreads = true;
        }
        fatal?.Throw();
        return ExitStatus ?? 0;
    }

    /// <summary>Some thread did not stop (blocked in a host call): guest memory must outlive it.</summary>
    bool stuckThreads;

    /// <summary>Guest instructions retired by all threads.</summary>
    public long InstructionsRetired() =>
        Interlocked.Read(ref retiredByExitedThreads) + Threads.Sum(t => t.State.InstructionsRetired);

    /// <summary>Guest instructions retired by all threads (the main thread is counted with the rest).</summary>
    public long InstructionsRetired(LinuxThread main) => InstructionsRetired();
}
