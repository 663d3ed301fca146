namespace A64Jit.Runtime.Linux;

/// <summary>Linux signal numbers and si_code values (generic, as on AArch64).</summary>
public static class Signals
{
    public const int SIGHUP = 1, SIGINT = 2, SIGQUIT = 3, SIGILL = 4, SIGTRAP = 5, SIGABRT = 6, SIGBUS = 7, SIGFPE = 8,
        SIGKILL = 9, SIGUSR1 = 10, SIGSEGV = 11, SIGUSR2 = 12, SIGPIPE = 13, SIGALRM = 14, SIGTERM = 15,
        SIGSTKFLT = 16, SIGCHLD = 17, SIGCONT = 18, SIGSTOP = 19, SIGTSTP = 20, SIGTTIN = 21, SIGTTOU = 22, SIGURG = 23,
        SIGXCPU = 24, SIGXFSZ = 25, SIGVTALRM = 26, SIGPROF = 27, SIGWINCH = 28, SIGIO = 29, SIGPWR = 30, SIGSYS = 31;

    public const int NSIG = 64;

    /// <summary>The first real-time signal as the kernel counts (glibc keeps 32 and 33 for itself).</summary>
    public const int SIGRTMIN = 32;

    /// <summary>Real-time signals queue: each one sent is delivered, in order. Standard ones coalesce.</summary>
    public static bool Queues(int sig) => sig >= SIGRTMIN;

    public const int SI_USER = 0, SI_KERNEL = 0x80, SI_QUEUE = -1, SI_TIMER = -2, SI_TKILL = -6;
    public const int ILL_ILLOPC = 1, SEGV_MAPERR = 1, SEGV_ACCERR = 2, BUS_ADRALN = 1, TRAP_BRKPT = 1;

    public static string Name(int sig) => sig switch
    {
        SIGHUP => "SIGHUP", SIGINT => "SIGINT", SIGQUIT => "SIGQUIT", SIGILL => "SIGILL", SIGTRAP => "SIGTRAP",
        SIGABRT => "SIGABRT", SIGBUS => "SIGBUS", SIGFPE => "SIGFPE", SIGKILL => "SIGKILL", SIGUSR1 => "SIGUSR1",
        SIGSEGV => "SIGSEGV", SIGUSR2 => "SIGUSR2", SIGPIPE => "SIGPIPE", SIGALRM => "SIGALRM", SIGTERM => "SIGTERM",
        SIGCHLD => "SIGCHLD", SIGCONT => "SIGCONT", SIGSTOP => "SIGSTOP", SIGTSTP => "SIGTSTP", SIGSTKFLT => "SIGSTKFLT",
        SIGTTIN => "SIGTTIN", SIGTTOU => "SIGTTOU", SIGURG => "SIGURG", SIGXCPU => "SIGXCPU", SIGXFSZ => "SIGXFSZ",
        SIGVTALRM => "SIGVTALRM", SIGPROF => "SIGPROF", SIGWINCH => "SIGWINCH", SIGIO => "SIGIO", SIGPWR => "SIGPWR", SIGSYS => "SIGSYS",
        _ => $"signal {sig}",
    };

    /// <summary>Signals whose default action is to be ignored.</summary>
    public static bool DefaultIgnored(int sig) => sig is SIGCHLD or SIGCONT or SIGURG or SIGWINCH;

    /// <summary>Signals whose default action is to dump core (SIG_KERNEL_COREDUMP_MASK).</summary>
    public static bool DefaultDumpsCore(int sig) =>
        sig is SIGQUIT or SIGILL or SIGTRAP or SIGABRT or SIGBUS or SIGFPE or SIGSEGV or SIGXCPU or SIGXFSZ or SIGSYS;

    /// <summary>Signals whose default action stops the process; a64jit cannot stop, so it ignores them.</summary>
    public static bool DefaultStops(int sig) => sig is SIGSTOP or SIGTSTP or SIGTTIN or SIGTTOU;

    /// <summary>Signals an instruction raises, whose siginfo carries si_addr.</summary>
    public static bool IsFault(int sig) => sig is SIGILL or SIGFPE or SIGSEGV or SIGBUS or SIGTRAP;

    /// <summary>The sigset_t bit of a signal (bit sig-1).</summary>
    public static ulong Bit(int sig) => 1UL << (sig - 1);

    /// <summary>Signals no mask can block.</summary>
    public static readonly ulong Unblockable = Bit(SIGKILL) | Bit(SIGSTOP);
}
