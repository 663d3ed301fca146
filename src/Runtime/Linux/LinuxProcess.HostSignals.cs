using System.Runtime.InteropServices;

namespace A64Jit.Runtime.Linux;

// Signals from outside (a terminal's ^C, kill from another process, a resized window) arrive at
// the host process. Once the guest catches or ignores one of them, a64jit takes it over from the
// host runtime and queues it for the guest, so its handler runs (or its default action, after an
// execve reset it: then a64jit ends the process with 128 + signal as the kernel would).
public sealed partial class LinuxProcess
{
    /// <summary>Signals the guest may take over. The ones the host runtime itself relies on (SIGSEGV, SIGCHLD, SIGPIPE...) are not.</summary>
    static readonly int[] Forwardable =
    [
        Signals.SIGHUP, Signals.SIGINT, Signals.SIGQUIT, Signals.SIGUSR1, Signals.SIGUSR2, Signals.SIGALRM, Signals.SIGTERM,
        Signals.SIGWINCH, Signals.SIGCONT,
    ];

    readonly Dictionary<int, PosixSignalRegistration> hostSignals = [];

    /// <summary>Starts passing host <paramref name="sig"/> to the guest, the first time the guest catches or ignores it.</summary>
    void ForwardHostSignal(int sig, SignalAction action)
    {
        if (action.IsDefault || Array.IndexOf(Forwardable, sig) < 0)
            return;
        lock (hostSignals)
        {
            if (hostSignals.ContainsKey(sig) || HasExited)
                return;
            // A raw signal number cast to PosixSignal names that signal.
            hostSignals[sig] = PosixSignalRegistration.Create((PosixSignal)sig, context =>
            {
                context.Cancel = true;
                if (!HasExited)
                    SendToProcess(SignalInfo.User(sig, Signals.SI_USER, 0));
            });
        }
    }

    void StopForwardingHostSignals()
    {
        lock (hostSignals)
        {
            foreach (var r in hostSignals.Values)
                r.Dispose();
            hostSignals.Clear();
        }
    }
}
