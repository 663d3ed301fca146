namespace A64Jit.Runtime.Linux;

// Thread bookkeeping the kernel keeps per task: clear_child_tid, the robust futex list, thread exit.
public sealed partial class LinuxThread
{
    /// <summary>set_tid_address / CLONE_CHILD_CLEARTID: zeroed and futex-woken when the thread exits.</summary>
    public ulong ClearChildTid { get; set; }

    /// <summary>set_robust_list head (the list itself is walked at exit).</summary>
    public ulong RobustListHead { get; set; }

    /// <summary>exit(2): ends this thread; the last thread's exit ends the process.</summary>
    public void ExitThread(int status)
    {
        Exited = true;
        if (Process.ThreadExited(this))
            Process.Exit(status);
    }
}
