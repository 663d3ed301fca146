namespace A64Jit.Runtime.Linux;

// The process's live threads.
public sealed partial class LinuxProcess
{
    readonly List<LinuxThread> threads = [];

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
}

public sealed partial class LinuxProcess
{
    long retiredByExitedThreads;

    /// <summary>Guest instructions retired by all threads, counting the given live thread.</summary>
    public long InstructionsRetired(LinuxThread main) => Interlocked.Read(ref retiredByExitedThreads) + main.State.InstructionsRetired;

    /// <summary>Adds an exited thread's count to the process total.</summary>
    public void AccountExitedThread(LinuxThread thread) => Interlocked.Add(ref retiredByExitedThreads, thread.State.InstructionsRetired);
}
