using A64Jit.Runtime.Linux.ProcessModel;
using A64Jit.Runtime.Loader;
using Microsoft.Win32.SafeHandles;

namespace A64Jit.Runtime.Linux;

// fork, vfork, execve and waitid. a64jit cannot fork itself (a managed runtime), so fork is
// spawn-and-resume: the parent writes a snapshot of itself to a memfd and starts a new a64jit that
// continues from it; execve is a host execve of a64jit (or of the program itself when it is not an
// AArch64 executable); the guest's children are real host children, so waiting passes through.
public static partial class Syscalls
{
    const ulong ProcCloneVm = 0x100, ProcCloneSighand = 0x800, ProcCloneVfork = 0x4000, ProcCloneThread = 0x10000, ProcCloneSettls = 0x80000,
        ProcCloneParentSettid = 0x10_0000, ProcCloneChildCleartid = 0x20_0000, ProcCloneChildSettid = 0x100_0000;
    const long ErrNoExec = 8, ErrTooBig = 7;

    /// <summary>
    /// A clone that makes a new process (no CLONE_VM: fork; or CLONE_VM | CLONE_VFORK: vfork, as
    /// glibc's posix_spawn uses). vfork is treated as fork, as qemu-user does, but the parent waits
    /// until the child has exec'd or exited, as vfork promises. Returns the child's pid (a host pid).
    /// Arguments as arm64 clone orders them: flags, newsp, parent_tidptr, tls, child_tidptr.
    /// </summary>
    public static long CloneProcess(LinuxThread t, ulong flags, ulong stack, ulong parentTid, ulong tls, ulong childTid)
    {
        if ((flags & (ProcCloneThread | ProcCloneSighand)) != 0 || ((flags & ProcCloneVm) != 0 && (flags & ProcCloneVfork) == 0))
            return -Errno.EINVAL;
        var p = t.Process;
        if (!HostProcess.CanRelaunch)
        {
            p.WarnOnce("fork", "fork and vfork need the a64jit tool as the host process: returning -ENOSYS");
            return -Errno.ENOSYS;
        }
        var snapshot = p.CaptureSnapshot(t);
        snapshot.State.X[0] = 0;
        if (stack != 0)
            snapshot.State.Sp = stack;
        if ((flags & ProcCloneSettls) != 0)
            snapshot.State.TpidrEl0 = tls;
        if ((flags & ProcCloneChildSettid) != 0)
            snapshot.ChildSetTid = childTid;
        if ((flags & ProcCloneChildCleartid) != 0)
            snapshot.ChildClearTid = childTid;

        bool vfork = (flags & ProcCloneVfork) != 0;
        int fd = -1, doneWrite = -1, doneRead = -1;
        long pid;
        try
        {
            fd = HostProcess.CreateMemfd("a64jit-fork");
            using (var stream = new FileStream(new SafeFileHandle(fd, ownsHandle: false), FileAccess.ReadWrite, 1 << 16))
                snapshot.Write(stream);
            HostProcess.SetCloexec(fd, false);
            var argv = HostProcess.SelfCommand().Concat(["__resume", fd.ToString()]).ToList();
            if (vfork)
            {
                // The child holds the write end (close-on-exec) until it execs or exits: then we read EOF.
                (doneRead, int w) = HostProcess.Pipe();
                doneWrite = HostProcess.MoveHigh(w, cloexec: false);
                argv.Add(doneWrite.ToString());
            }
            pid = HostProcess.Spawn(argv);
        }
        catch (IOException e)
        {
            p.Options.Log($"a64jit: fork failed: {e.Message}");
            pid = -Errno.EAGAIN;
        }
        finally
        {
            if (fd >= 0)
                HostLibc.Close(fd);
            if (doneWrite >= 0)
                HostLibc.Close(doneWrite);
        }
        if (doneRead >= 0)
        {
            if (pid > 0)
            {
                Span<byte> b = stackalloc byte[16];
                while (HostLibc.Read(doneRead, b) is > 0 or -Errno.EINTR)
                {
                }
            }
            HostLibc.Close(doneRead);
        }
        if (pid > 0 && (flags & ProcCloneParentSettid) != 0)
            p.Memory.Write32(parentTid, (uint)pid);
        return pid;
    }

    /// <summary>
    /// execve: an AArch64 executable (or a script whose interpreter is one) runs in a new a64jit that
    /// replaces this process; anything else is handed to the host kernel to execute, as qemu-user
    /// without binfmt_misc does (host scripts and host programs). Returns only on failure.
    /// </summary>
    public static long ExecByHost(LinuxThread t, string path, List<string> argv, List<string> envp)
    {
        var p = t.Process;
        if (path.Length == 0)
            return -Errno.ENOENT;
        string host = p.MapPath(path);
        long access = HostProcess.Access(host, 1); // X_OK
        if (access < 0)
            return access;
        if (Directory.Exists(host))
            return -Errno.EACCES;
        byte[] head;
        try
        {
            using var f = File.OpenRead(host);
            head = new byte[256];
            head = head[..f.Read(head)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return -Errno.EACCES;
        }

        string image = host;
        var imageArgv = argv;
        if (head.Length >= 2 && head[0] == '#' && head[1] == '!')
        {
            var (interpreter, argument) = ParseShebang(head);
            if (interpreter is null)
                return -ErrNoExec;
            string interpreterHost = p.MapPath(interpreter);
            if (!IsAArch64Elf(interpreterHost))
                return HostExecInPlace(t, host, argv, envp);
            // The kernel's binfmt_script: interpreter [argument] script-path args[1..].
            image = interpreterHost;
            imageArgv = [interpreter, .. argument is null ? Array.Empty<string>() : [argument], path, .. argv.Skip(1)];
        }
        else if (!IsAArch64Elf(host, head))
        {
            return HostExecInPlace(t, host, argv, envp);
        }

        try
        {
            ElfImage.Parse(File.ReadAllBytes(image), image);
        }
        catch (BadImageException)
        {
            return -ErrNoExec;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return -Errno.EACCES;
        }

        var request = p.CreateExecRequest(t, image, imageArgv, envp);
        int fd;
        try
        {
            fd = HostProcess.CreateMemfd("a64jit-exec");
            using (var stream = new FileStream(new SafeFileHandle(fd, ownsHandle: false), FileAccess.ReadWrite, 1 << 16))
                request.Write(stream);
            HostProcess.SetCloexec(fd, false);
        }
        catch (IOException)
        {
            return -Errno.ENOMEM;
        }
        if (!HostProcess.CanRelaunch)
        {
            HostLibc.Close(fd);
            t.Process.WarnOnce("execve", "execve of an AArch64 program needs the a64jit tool as the host process: returning -ENOSYS");
            return -Errno.ENOSYS;
        }
        var self = HostProcess.SelfCommand();
        long r = HostProcess.Exec(self[0], [.. self, "__exec", fd.ToString()], envp: null);
        HostLibc.Close(fd);
        return r;
    }

    /// <summary>Executes a host program in place of this process, with the guest's argv and envp exactly.</summary>
    static long HostExecInPlace(LinuxThread t, string host, List<string> argv, List<string> envp)
    {
        var p = t.Process;
        ulong old = HostProcess.SetThreadMask(p.GuestBlockedMask(t));
        long r = HostProcess.Exec(host, argv, envp, p.GuestIgnores);
        HostProcess.SetThreadMask(old);
        return r;
    }

    static bool IsAArch64Elf(string path)
    {
        try
        {
            using var f = File.OpenRead(path);
            var head = new byte[64];
            return IsAArch64Elf(path, head[..f.Read(head)]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    static bool IsAArch64Elf(string path, byte[] head) =>
        head.Length >= 20 && head[0] == 0x7F && head[1] == 'E' && head[2] == 'L' && head[3] == 'F' &&
        BitConverter.ToUInt16(head, 18) == ElfImage.EmAArch64;

    /// <summary>The interpreter and optional single argument of a `#!` line, as fs/binfmt_script.c splits it.</summary>
    static (string? Interpreter, string? Argument) ParseShebang(byte[] head)
    {
        int end = Array.IndexOf(head, (byte)'\n');
        string line = System.Text.Encoding.UTF8.GetString(head, 2, (end < 0 ? head.Length : end) - 2).Trim(' ', '\t', '\r');
        if (line.Length == 0)
            return (null, null);
        int space = line.IndexOfAny([' ', '\t']);
        if (space < 0)
            return (line, null);
        string argument = line[space..].Trim(' ', '\t');
        return (line[..space], argument.Length == 0 ? null : argument);
    }

    /// <summary>A guest NULL-terminated array of strings (argv, envp); null when too large (E2BIG).</summary>
    static List<string>? ReadGuestStringArray(LinuxThread t, ulong address)
    {
        var list = new List<string>();
        if (address == 0)
            return list;
        long total = 0;
        for (ulong i = 0; ; i++)
        {
            ulong s = t.Process.Memory.Read64(address + 8 * i);
            if (s == 0)
                return list;
            string value = t.Process.Memory.ReadCString(s, 128 * 1024);
            total += value.Length + 1;
            if (total > 2 * 1024 * 1024 || list.Count >= 1 << 17)
                return null;
            list.Add(value);
        }
    }

    const int X86Waitid = 247;

    [Syscall(95, "waitid")]
    static unsafe long Waitid(LinuxThread t, SyscallArgs a)
    {
        // siginfo_t (128 bytes) and struct rusage (144) have the same layout on both 64-bit ABIs.
        var mem = t.Process.Memory;
        fixed (byte* info = a.A2 != 0 ? mem.Span(a.A2, 128, write: true) : default)
        fixed (byte* usage = a.A4 != 0 ? mem.Span(a.A4, 144, write: true) : default)
            return HostLibc.Syscall(X86Waitid, (long)(int)a.A0, (long)(int)a.A1, (long)info, (long)(int)a.A3, (long)usage);
    }
}
