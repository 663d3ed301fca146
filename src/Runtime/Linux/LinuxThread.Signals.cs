namespace A64Jit.Runtime.Linux;

// Signal raising and delivery for one thread.
public sealed partial class LinuxThread
{
    /// <summary>
    /// A signal caused by the instruction at <paramref name="pc"/> (SIGSEGV, SIGILL, SIGTRAP, SIGBUS).
    /// With no handler installed the process dies, with a one-line report of signal, PC and encoding.
    /// </summary>
    public void RaiseSynchronous(int signal, int code, ulong pc, string detail, ulong faultAddress = 0)
    {
        State.Pc = pc;
        Die(signal, detail);
    }

    /// <summary>Delivers signals queued for this thread, if any are unblocked.</summary>
    void DeliverPendingSignals()
    {
    }

    /// <summary>The default action of a fatal signal: report it and end the process with 128 + signal.</summary>
    void Die(int signal, string detail)
    {
        uint? word = Process.Memory.Fetch(State.Pc);
        string encoding = word is uint w ? $"0x{w:x8}" : "unreadable";
        Process.Options.Log($"a64jit: guest killed by {Signals.Name(signal)} at pc 0x{State.Pc:x} (instruction {encoding}): {detail}");
        Process.ExitBySignal(signal);
        Exited = true;
    }
}
