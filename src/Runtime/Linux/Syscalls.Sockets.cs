namespace A64Jit.Runtime.Linux;

// Sockets pass through: the socket ABI (numbers, sockaddr, msghdr, cmsghdr, option values) is the
// same on both 64-bit ABIs, so only guest pointers become host pointers.
public static unsafe partial class Syscalls
{
    const int X86Socket = 41, X86Connect = 42, X86Accept = 43, X86Sendto = 44, X86Recvfrom = 45, X86Sendmsg = 46,
        X86Recvmsg = 47, X86Shutdown = 48, X86Bind = 49, X86Listen = 50, X86Getsockname = 51, X86Getpeername = 52,
        X86Socketpair = 53, X86Setsockopt = 54, X86Getsockopt = 55, X86Accept4 = 288;

    /// <summary>A guest socklen_t* in-out length: the host address of the length and of a buffer that long.</summary>
    static (long Buffer, long Length) AddrAndLen(LinuxThread t, ulong buffer, ulong lengthPtr)
    {
        if (lengthPtr == 0)
            return (0, 0);
        uint len = t.Process.Memory.Read32(lengthPtr);
        return (buffer == 0 ? 0 : Buf(t, buffer, len, true), Buf(t, lengthPtr, 4, true));
    }

    [Syscall(198, "socket")]
    static long Socket(LinuxThread t, SyscallArgs a) => HostLibc.Syscall(X86Socket, (long)a.A0, (long)a.A1, (long)a.A2);

    [Syscall(199, "socketpair")]
    static long Socketpair(LinuxThread t, SyscallArgs a) =>
        HostLibc.Syscall(X86Socketpair, (long)a.A0, (long)a.A1, (long)a.A2, Buf(t, a.A3, 8, true));

    [Syscall(200, "bind")]
    static long Bind(LinuxThread t, SyscallArgs a) => HostLibc.Syscall(X86Bind, (long)a.A0, Buf(t, a.A1, a.A2, false), (long)a.A2);

    [Syscall(201, "listen")]
    static long Listen(LinuxThread t, SyscallArgs a) => HostLibc.Syscall(X86Listen, (long)a.A0, (long)a.A1);

    [Syscall(202, "accept")]
    static long Accept(LinuxThread t, SyscallArgs a)
    {
        var (b, l) = AddrAndLen(t, a.A1, a.A2);
        return BlockingCall(t, (int)a.A0, PollIn, () => HostLibc.Syscall(X86Accept, (long)a.A0, b, l));
    }

    [Syscall(242, "accept4")]
    static long Accept4(LinuxThread t, SyscallArgs a)
    {
        var (b, l) = AddrAndLen(t, a.A1, a.A2);
        return BlockingCall(t, (int)a.A0, PollIn, () => HostLibc.Syscall(X86Accept4, (long)a.A0, b, l, (long)a.A3));
    }

    [Syscall(203, "connect")]
    static long Connect(LinuxThread t, SyscallArgs a) => HostLibc.Syscall(X86Connect, (long)a.A0, Buf(t, a.A1, a.A2, false), (long)a.A2);

    [Syscall(204, "getsockname")]
    static long Getsockname(LinuxThread t, SyscallArgs a)
    {
        var (b, l) = AddrAndLen(t, a.A1, a.A2);
        return HostLibc.Syscall(X86Getsockname, (long)a.A0, b, l);
    }

    [Syscall(205, "getpeername")]
    static long Getpeername(LinuxThread t, SyscallArgs a)
    {
        var (b, l) = AddrAndLen(t, a.A1, a.A2);
        return HostLibc.Syscall(X86Getpeername, (long)a.A0, b, l);
    }

    [Syscall(206, "sendto")]
    static long Sendto(LinuxThread t, SyscallArgs a)
    {
        long buf = Buf(t, a.A1, Math.Min(a.A2, MaxTransfer), false), to = Buf(t, a.A4, a.A5, false);
        return BrokenPipe(t, HostLibc.Syscall(X86Sendto, (long)a.A0, buf, (long)Math.Min(a.A2, MaxTransfer), (long)a.A3, to, (long)a.A5));
    }

    [Syscall(207, "recvfrom")]
    static long Recvfrom(LinuxThread t, SyscallArgs a)
    {
        long buf = Buf(t, a.A1, Math.Min(a.A2, MaxTransfer), true);
        var (b, l) = AddrAndLen(t, a.A4, a.A5);
        return BlockingCall(t, (int)a.A0, PollIn,
            () => HostLibc.Syscall(X86Recvfrom, (long)a.A0, buf, (long)Math.Min(a.A2, MaxTransfer), (long)a.A3, b, l));
    }

    [Syscall(208, "setsockopt")]
    static long Setsockopt(LinuxThread t, SyscallArgs a) =>
        HostLibc.Syscall(X86Setsockopt, (long)a.A0, (long)a.A1, (long)a.A2, Buf(t, a.A3, a.A4, false), (long)a.A4);

    [Syscall(209, "getsockopt")]
    static long Getsockopt(LinuxThread t, SyscallArgs a)
    {
        var (b, l) = AddrAndLen(t, a.A3, a.A4);
        return HostLibc.Syscall(X86Getsockopt, (long)a.A0, (long)a.A1, (long)a.A2, b, l);
    }

    [Syscall(210, "shutdown")]
    static long Shutdown(LinuxThread t, SyscallArgs a) => HostLibc.Syscall(X86Shutdown, (long)a.A0, (long)a.A1);

    /// <summary>
    /// A host struct msghdr for a guest one: { name, namelen, iov, iovlen, control, controllen, flags },
    /// laid out alike on both ABIs; the pointers become host pointers. Returns the host copy (7 longs).
    /// </summary>
    static (long[] Header, long[] Iov) HostMsghdr(LinuxThread t, ulong address, bool receive)
    {
        var mem = t.Process.Memory;
        ulong name = mem.Read64(address), nameLen = mem.Read32(address + 8), iov = mem.Read64(address + 16),
            iovLen = mem.Read64(address + 24), control = mem.Read64(address + 32), controlLen = mem.Read64(address + 40);
        var hostIov = HostIovec(t, iov, iovLen, receive);
        var h = new long[7];
        h[0] = name == 0 ? 0 : Buf(t, name, nameLen, receive);
        h[1] = (long)nameLen;
        h[3] = (long)iovLen;
        h[4] = control == 0 ? 0 : Buf(t, control, controlLen, receive);
        h[5] = (long)controlLen;
        h[6] = mem.Read32(address + 48);
        return (h, hostIov);
    }

    [Syscall(211, "sendmsg")]
    static long Sendmsg(LinuxThread t, SyscallArgs a)
    {
        var (h, iov) = HostMsghdr(t, a.A1, receive: false);
        fixed (long* hp = h, ip = iov)
        {
            hp[2] = (long)ip;
            return BrokenPipe(t, HostLibc.Syscall(X86Sendmsg, (long)a.A0, (long)hp, (long)a.A2));
        }
    }

    [Syscall(212, "recvmsg")]
    static long Recvmsg(LinuxThread t, SyscallArgs a)
    {
        var (h, iov) = HostMsghdr(t, a.A1, receive: true);
        long r;
        fixed (long* hp = h, ip = iov)
        {
            hp[2] = (long)ip;
            long hpl = (long)hp;
            r = BlockingCall(t, (int)a.A0, PollIn, () => HostLibc.Syscall(X86Recvmsg, (long)a.A0, hpl, (long)a.A2));
        }
        if (r >= 0)
        {
            // The kernel updates msg_namelen, msg_controllen and msg_flags.
            var mem = t.Process.Memory;
            mem.Write32(a.A1 + 8, (uint)h[1]);
            mem.Write64(a.A1 + 40, (ulong)h[5]);
            mem.Write32(a.A1 + 48, (uint)h[6]);
        }
        return r;
    }
}

// Calls that may block in the host kernel wait in a64jit first, so that guest signals and the
// process's exit can end the wait (a host read cannot see a guest signal).
public static unsafe partial class Syscalls
{
    const short PollIn = 1, PollOut = 4;
    const int X86Poll = 7, ONonblock = 0x800;

    /// <summary>
    /// Runs <paramref name="call"/> once <paramref name="fd"/> is ready for <paramref name="events"/>. While
    /// it is not, waits in slices; a signal the thread can take ends the wait with -ERESTARTSYS (the call
    /// restarts after a handler with SA_RESTART, else fails with -EINTR). Non-blocking descriptors and
    /// regular files go straight to the call.
    /// </summary>
    static long BlockingCall(LinuxThread t, int fd, short events, Func<long> call)
    {
        if (!WouldBlock(fd, events, 0))
            return call();
        long fl = HostLibc.Syscall(X86Fcntl, fd, F_GETFL);
        if (fl < 0 || (fl & ONonblock) != 0)
            return call();
        while (true)
        {
            if (t.HasDeliverableSignal)
                return -Errno.ERESTARTSYS;
            if (t.Exited || t.Process.HasExited)
                return -Errno.EINTR;
            if (!WouldBlock(fd, events, PollSliceMs))
                return call();
        }
    }

    /// <summary>poll() says the descriptor is not ready within the timeout (errors and hang-ups count as ready).</summary>
    static bool WouldBlock(int fd, short events, int timeoutMs)
    {
        long pfd = 0;
        byte* p = (byte*)&pfd;
        *(int*)p = fd;
        *(short*)(p + 4) = events;
        return HostLibc.Syscall(X86Poll, (long)p, 1, timeoutMs) == 0;
    }
}
