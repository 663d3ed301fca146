namespace A64Jit.Runtime.Linux;

/// <summary>Linux signal numbers and si_code values (generic, as on AArch64).</summary>
public static class Signals
{
    public const int SIGHUP = 1, SIGINT = 2, SIGQUIT = 3, SIGILL = 4, SIGTRAP = 5, SIGABRT = 6, SIGBUS = 7, SIGFPE = 8,
        SIGKILL = 9, SIGUSR1 = 10, SIGSEGV = 11, SIGUSR2 = 12, SIGPIPE = 13, SIGALRM = 14, SIGTERM = 15,
        SIGCHLD = 17, SIGCONT = 18, SIGSTOP = 19, SIGTSTP = 20, SIGURG = 23, SIGWINCH = 28;

    public const int NSIG = 64;

    public const int SI_USER = 0, SI_TKILL = -6;
    public const int ILL_ILLOPC = 1, SEGV_MAPERR = 1, SEGV_ACCERR = 2, BUS_ADRALN = 1, TRAP_BRKPT = 1;

    public static string Name(int sig) => sig switch
    {
        SIGHUP => "SIGHUP", SIGINT => "SIGINT", SIGQUIT => "SIGQUIT", SIGILL => "SIGILL", SIGTRAP => "SIGTRAP",
        SIGABRT => "SIGABRT", SIGBUS => "SIGBUS", SIGFPE => "SIGFPE", SIGKILL => "SIGKILL", SIGUSR1 => "SIGUSR1",
        SIGSEGV => "SIGSEGV", SIGUSR2 => "SIGUSR2", SIGPIPE => "SIGPIPE", SIGALRM => "SIGALRM", SIGTERM => "SIGTERM",
        SIGCHLD => "SIGCHLD", SIGCONT => "SIGCONT", SIGSTOP => "SIGSTOP", SIGTSTP => "SIGTSTP",
        _ => $"signal {sig}",
    };

    /// <summary>Signals whose default action is to be ignored.</summary>
    public static bool DefaultIgnored(int sig) => sig is SIGCHLD or SIGCONT or SIGURG or SIGWINCH;
}
