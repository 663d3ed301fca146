using System.Runtime.InteropServices;
using A64Jit.Runtime.Engines;
using Microsoft.Win32.SafeHandles;

namespace A64Jit.Runtime.Linux.ProcessModel;

/// <summary>
/// The hidden a64jit commands that continue a guest process in a new host process:
/// `__resume &lt;fd&gt; [&lt;vfork-fd&gt;]` (the child of a fork, from a snapshot) and `__exec &lt;fd&gt;`
/// (the new image after execve). The descriptors are memfds the old process wrote.
/// </summary>
public static class ProcessEntry
{
    /// <summary>Runs the forked child described by the snapshot in <paramref name="fd"/>.</summary>
    public static UserModeRunner.Result Resume(int fd, int vforkFd)
    {
        ProcessSnapshot snapshot;
        using (var stream = new FileStream(new SafeFileHandle(fd, ownsHandle: true), FileAccess.Read, 1 << 16))
            snapshot = ProcessSnapshot.Read(stream);
        // The vfork parent waits until this descriptor closes: at our execve (close-on-exec) or exit.
        if (vforkFd >= 0)
            HostProcess.SetCloexec(vforkFd, true);
        var engine = UserModeRunner.CreateEngine(snapshot.Engine, new EngineOptions());
        using var process = new LinuxProcess(engine, new ProcessOptions { Strict = snapshot.Strict, GuardedMemory = snapshot.GuardedMemory });
        var main = process.RestoreSnapshot(snapshot);
        process.VforkDoneFd = vforkFd;
        return UserModeRunner.Execute(process, main, stats: false);
    }

    /// <summary>Runs the program an execve asked for, as described in <paramref name="fd"/>.</summary>
    public static UserModeRunner.Result Exec(int fd)
    {
        ExecRequest request;
        using (var stream = new FileStream(new SafeFileHandle(fd, ownsHandle: true), FileAccess.Read, 1 << 16))
            request = ExecRequest.Read(stream);
        var engine = UserModeRunner.CreateEngine(request.Engine, new EngineOptions());
        using var process = new LinuxProcess(engine, new ProcessOptions { Strict = request.Strict, GuardedMemory = request.GuardedMemory });
        var main = process.Load(request.Path, request.Argv, request.Envp);
        process.ApplyExecRequest(main, request);
        return UserModeRunner.Execute(process, main, stats: false);
    }

    /// <summary>
    /// Signals that .NET would otherwise take for itself (SIGTERM, SIGINT, SIGQUIT, SIGHUP; and SIGCHLD,
    /// SIGCONT, SIGWINCH, whose default is to be ignored) reach the guest:
    /// <see cref="LinuxProcess.QueueHostSignal"/> decides. Others (SIGUSR1, SIGALRM, ...) keep the
    /// host's default action, which is the guest's. Dispose to stop listening.
    /// </summary>
    public static IDisposable ListenForHostSignals(LinuxProcess process)
    {
        var registrations = new List<PosixSignalRegistration>();
        if (OperatingSystem.IsWindows())
            return new Registrations(registrations);
        foreach (var (signal, number) in new[]
                 {
                     (PosixSignal.SIGTERM, Signals.SIGTERM), (PosixSignal.SIGINT, Signals.SIGINT),
                     (PosixSignal.SIGQUIT, Signals.SIGQUIT), (PosixSignal.SIGHUP, Signals.SIGHUP),
                     (PosixSignal.SIGCHLD, Signals.SIGCHLD), (PosixSignal.SIGCONT, Signals.SIGCONT),
                     (PosixSignal.SIGWINCH, Signals.SIGWINCH),
                 })
        {
            registrations.Add(PosixSignalRegistration.Create(signal, context =>
            {
                if (!Signals.DefaultIgnored(number))
                    context.Cancel = true;
                process.QueueHostSignal(number);
            }));
        }
        return new Registrations(registrations);
    }

    sealed class Registrations(List<PosixSignalRegistration> list) : IDisposable
    {
        public void Dispose() => list.ForEach(r => r.Dispose());
    }
}
