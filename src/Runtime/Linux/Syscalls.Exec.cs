using System.Text;
using A64Jit.Runtime.Loader;

namespace A64Jit.Runtime.Linux;

// execve: an AArch64 program replaces the guest image in place; a "#!" script runs its
// interpreter; a host program replaces a64jit itself (the descriptors are the same host ones).
public static partial class Syscalls
{
    const int X86Execve = 59, XOk = 1, AtFdcwd = -100;
    const long ENOEXEC = 8, ELOOP = 40, E2BIG = 7;
    const ushort EmX86_64 = 62;

    /// <summary>Argument strings may be long (the kernel allows 128 KiB each).</summary>
    const int MaxArgString = 128 * 1024;

    [Syscall(221, "execve")]
    static long Execve(LinuxThread t, SyscallArgs a)
    {
        string path = t.Process.Memory.ReadCString(a.A0);
        var argv = ReadStringArray(t, a.A1);
        var envp = ReadStringArray(t, a.A2);
        if (argv is null || envp is null)
            return -E2BIG;
        return Exec(t, path, argv, envp, 0);
    }

    static List<string>? ReadStringArray(LinuxThread t, ulong address)
    {
        var list = new List<string>();
        if (address == 0)
            return list;
        for (ulong p = address; ; p += 8)
        {
            ulong s = t.Process.Memory.Read64(p);
            if (s == 0)
                return list;
            if (list.Count >= 65536)
                return null;
            list.Add(t.Process.Memory.ReadCString(s, MaxArgString));
        }
    }

    static long Exec(LinuxThread t, string path, List<string> argv, List<string> envp, int depth)
    {
        string host = t.Process.MapPath(path);
        long access;
        var hostBytes = Encoding.UTF8.GetBytes(host + "\0");
        unsafe
        {
            fixed (byte* p = hostBytes)
                access = HostLibc.Syscall(X86Faccessat, AtFdcwd, (long)p, XOk);
        }
        if (access < 0)
            return access;
        if (Directory.Exists(host))
            return -Errno.EACCES;
        var head = new byte[256];
        int n;
        try
        {
            using var f = File.OpenRead(host);
            n = f.Read(head);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return -Errno.EACCES;
        }
        if (n >= 2 && head[0] == '#' && head[1] == '!')
        {
            if (depth >= 4)
                return -ELOOP;
            // "#!interpreter [one optional argument]"
            string line = Encoding.UTF8.GetString(head, 2, n - 2).Split('\n')[0].Trim();
            if (line.Length == 0)
                return -ENOEXEC;
            int space = line.IndexOfAny([' ', '\t']);
            string interp = space < 0 ? line : line[..space];
            string? optional = space < 0 ? null : line[(space + 1)..].Trim();
            var next = new List<string> { interp };
            if (!string.IsNullOrEmpty(optional))
                next.Add(optional);
            next.Add(path);
            next.AddRange(argv.Skip(1));
            return Exec(t, interp, next, envp, depth + 1);
        }
        if (n < 20 || head[0] != 0x7F || head[1] != 'E' || head[2] != 'L' || head[3] != 'F')
            return -ENOEXEC;
        ushort machine = BitConverter.ToUInt16(head, 18);
        if (machine == ElfImage.EmAArch64)
        {
            ElfImage image;
            try
            {
                image = LinuxProcess.ReadImage(host);
            }
            catch (BadImageException)
            {
                return -ENOEXEC;
            }
            t.Process.ExecInPlace(t, image, host, argv, envp);
            return NoReturnValue;
        }
        if (machine == EmX86_64)
            return HostExecve(hostBytes, argv, envp);
        return -ENOEXEC;
    }

    /// <summary>Replaces a64jit with a host program; returns only on failure.</summary>
    static unsafe long HostExecve(byte[] path, List<string> argv, List<string> envp)
    {
        var handles = new List<System.Runtime.InteropServices.GCHandle>();
        try
        {
            long Pin(object o)
            {
                var h = System.Runtime.InteropServices.GCHandle.Alloc(o, System.Runtime.InteropServices.GCHandleType.Pinned);
                handles.Add(h);
                return h.AddrOfPinnedObject();
            }
            long Vector(List<string> strings)
            {
                var v = new long[strings.Count + 1];
                for (int i = 0; i < strings.Count; i++)
                    v[i] = Pin(Encoding.UTF8.GetBytes(strings[i] + "\0"));
                return Pin(v);
            }
            return HostLibc.Syscall(X86Execve, Pin(path), Vector(argv), Vector(envp));
        }
        finally
        {
            foreach (var h in handles)
                h.Free();
        }
    }
}
