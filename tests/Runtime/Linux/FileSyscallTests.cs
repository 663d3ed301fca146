using System.Buffers.Binary;
using A64Jit.Runtime.Linux;
using A64Jit.Tests.Support;

namespace A64Jit.Tests.Runtime.Linux;

[TestFixture]
public class FileSyscallTests
{
    [Test(Description = "x86-64 struct stat (144 bytes) becomes arm64's asm-generic one (128 bytes): mode at 16, nlink at 20, blksize at 56")]
    public void StatLayoutTranslation()
    {
        var x = new byte[Syscalls.HostStatSize];
        BinaryPrimitives.WriteUInt64LittleEndian(x, 0x11);           // st_dev
        BinaryPrimitives.WriteUInt64LittleEndian(x.AsSpan(8), 0x22);  // st_ino
        BinaryPrimitives.WriteUInt64LittleEndian(x.AsSpan(16), 3);    // st_nlink
        BinaryPrimitives.WriteUInt32LittleEndian(x.AsSpan(24), 0x81A4); // st_mode
        BinaryPrimitives.WriteUInt32LittleEndian(x.AsSpan(28), 1000); // st_uid
        BinaryPrimitives.WriteUInt32LittleEndian(x.AsSpan(32), 100);  // st_gid
        BinaryPrimitives.WriteUInt64LittleEndian(x.AsSpan(40), 0x803); // st_rdev
        BinaryPrimitives.WriteInt64LittleEndian(x.AsSpan(48), 12345); // st_size
        BinaryPrimitives.WriteInt64LittleEndian(x.AsSpan(56), 4096);  // st_blksize
        BinaryPrimitives.WriteInt64LittleEndian(x.AsSpan(64), 24);    // st_blocks
        for (int i = 0; i < 6; i++)
            BinaryPrimitives.WriteInt64LittleEndian(x.AsSpan(72 + 8 * i), 1000 + i); // times
        var g = new byte[Syscalls.GuestStatSize];
        Syscalls.StatToGuest(x, g);
        Assert.That(BinaryPrimitives.ReadUInt64LittleEndian(g), Is.EqualTo(0x11UL));
        Assert.That(BinaryPrimitives.ReadUInt64LittleEndian(g.AsSpan(8)), Is.EqualTo(0x22UL));
        Assert.That(BinaryPrimitives.ReadUInt32LittleEndian(g.AsSpan(16)), Is.EqualTo(0x81A4u));
        Assert.That(BinaryPrimitives.ReadUInt32LittleEndian(g.AsSpan(20)), Is.EqualTo(3u));
        Assert.That(BinaryPrimitives.ReadUInt32LittleEndian(g.AsSpan(24)), Is.EqualTo(1000u));
        Assert.That(BinaryPrimitives.ReadUInt32LittleEndian(g.AsSpan(28)), Is.EqualTo(100u));
        Assert.That(BinaryPrimitives.ReadUInt64LittleEndian(g.AsSpan(32)), Is.EqualTo(0x803UL));
        Assert.That(BinaryPrimitives.ReadInt64LittleEndian(g.AsSpan(48)), Is.EqualTo(12345));
        Assert.That(BinaryPrimitives.ReadInt32LittleEndian(g.AsSpan(56)), Is.EqualTo(4096));
        Assert.That(BinaryPrimitives.ReadInt64LittleEndian(g.AsSpan(64)), Is.EqualTo(24));
        for (int i = 0; i < 6; i++)
            Assert.That(BinaryPrimitives.ReadInt64LittleEndian(g.AsSpan(72 + 8 * i)), Is.EqualTo(1000 + i));
    }

    [Test(Description = "newfstatat, fstat and AT_EMPTY_PATH report a real file in the arm64 layout")]
    public void StatRealFile()
    {
        using var h = new SyscallHarness();
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, new byte[1234]);
            ulong p = h.String(path), buf = h.Scratch + 0x1000;
            const ulong AtFdcwd = unchecked((ulong)-100);
            Assert.That(h.Call(79, AtFdcwd, p, buf, 0), Is.Zero);
            var mem = h.Process.Memory;
            Assert.That(mem.Read64(buf + 48), Is.EqualTo(1234UL), "st_size");
            Assert.That(mem.Read32(buf + 16) & 0xF000, Is.EqualTo(0x8000u), "S_IFREG in st_mode");
            Assert.That(mem.Read32(buf + 20), Is.EqualTo(1u), "st_nlink");
            long fd = h.Call(56, AtFdcwd, p, 0, 0);
            Assert.That(fd, Is.GreaterThanOrEqualTo(0));
            ulong buf2 = h.Scratch + 0x2000;
            Assert.That(h.Call(80, (ulong)fd, buf2), Is.Zero);
            Assert.That(mem.Read64(buf2 + 8), Is.EqualTo(mem.Read64(buf + 8)), "same st_ino");
            ulong empty = h.String("", 0x800), buf3 = h.Scratch + 0x3000;
            Assert.That(h.Call(79, (ulong)fd, empty, buf3, 0x1000), Is.Zero); // AT_EMPTY_PATH
            Assert.That(mem.Read64(buf3 + 48), Is.EqualTo(1234UL));
            Assert.That(h.Call(57, (ulong)fd), Is.Zero);
            Assert.That(h.Call(79, AtFdcwd, h.String(path + ".missing"), buf, 0), Is.EqualTo(-Errno.ENOENT));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test(Description = "readlinkat(/proc/self/exe) names the guest executable, not a64jit")]
    public void ProcSelfExe()
    {
        using var h = new SyscallHarness();
        ulong buf = h.Scratch + 0x1000;
        long n = h.Call(78, unchecked((ulong)-100), h.String("/proc/self/exe"), buf, 4096);
        Assert.That(n, Is.GreaterThan(0));
        var bytes = new byte[n];
        h.Process.Memory.ReadBytes(buf, bytes);
        Assert.That(System.Text.Encoding.UTF8.GetString(bytes), Is.EqualTo(h.Process.ExecutablePath));
    }

    [Test(Description = "open flags that differ between the ABIs translate both ways")]
    public void OpenFlagTranslation()
    {
        // arm64: O_DIRECTORY 0x4000, O_NOFOLLOW 0x8000, O_DIRECT 0x10000, O_LARGEFILE 0x20000
        Assert.That(Syscalls.HostOpenFlags(0x4000), Is.EqualTo(0x10000));
        Assert.That(Syscalls.HostOpenFlags(0x8000), Is.EqualTo(0x20000));
        Assert.That(Syscalls.HostOpenFlags(0x10000), Is.EqualTo(0x4000));
        Assert.That(Syscalls.HostOpenFlags(0x20000), Is.EqualTo(0x8000));
        foreach (int f in new[] { 0, 2, 0x40 | 0x200 | 0x400, 0x800, 0x80000, 0x4000 | 0x8000 | 0x10000 | 0x20000 | 0x80042 })
            Assert.That(Syscalls.GuestOpenFlags(Syscalls.HostOpenFlags(f)), Is.EqualTo(f));
    }

    [Test(Description = "fcntl F_GETFL reports arm64 flags (O_LARGEFILE is 0x20000), F_SETFL translates back, F_DUPFD_CLOEXEC and F_GETFD pass through")]
    public void FcntlFlags()
    {
        using var h = new SyscallHarness();
        var path = Path.GetTempFileName();
        try
        {
            long fd = h.Call(56, unchecked((ulong)-100), h.String(path), 2 | 0x400, 0); // O_RDWR | O_APPEND
            Assert.That(fd, Is.GreaterThanOrEqualTo(0));
            long fl = h.Call(25, (ulong)fd, 3);
            Assert.That(fl & 0x3, Is.EqualTo(2));
            Assert.That(fl & 0x400, Is.EqualTo(0x400), "O_APPEND");
            Assert.That(fl & 0x20000, Is.EqualTo(0x20000), "O_LARGEFILE in the arm64 encoding");
            Assert.That(fl & 0x8000, Is.Zero, "no x86-64 O_LARGEFILE (arm64 O_NOFOLLOW) leaks through");
            Assert.That(h.Call(25, (ulong)fd, 4, 0x800), Is.Zero); // F_SETFL O_NONBLOCK
            Assert.That(h.Call(25, (ulong)fd, 3) & 0x800, Is.EqualTo(0x800));
            long dup = h.Call(25, (ulong)fd, 1030, 100); // F_DUPFD_CLOEXEC
            Assert.That(dup, Is.GreaterThanOrEqualTo(100));
            Assert.That(h.Call(25, (ulong)dup, 1), Is.EqualTo(1), "FD_CLOEXEC");
            Assert.That(h.Call(25, (ulong)fd, 9999), Is.EqualTo(-Errno.EINVAL));
            h.Call(57, (ulong)dup);
            h.Call(57, (ulong)fd);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test(Description = "pipe2 gives two descriptors that carry data; getcwd and dup3 pass through")]
    public void PipeDupGetcwd()
    {
        using var h = new SyscallHarness();
        var mem = h.Process.Memory;
        ulong fds = h.Scratch;
        Assert.That(h.Call(59, fds, 0x80000), Is.Zero); // O_CLOEXEC
        int r = (int)mem.Read32(fds), w = (int)mem.Read32(fds + 4);
        ulong msg = h.String("hello", 0x100);
        Assert.That(h.Call(64, (ulong)w, msg, 5), Is.EqualTo(5));
        Assert.That(h.Call(63, (ulong)r, h.Scratch + 0x200, 16), Is.EqualTo(5));
        long d = h.Call(24, (ulong)w, 200, 0x80000);
        Assert.That(d, Is.EqualTo(200));
        foreach (var fd in new[] { r, w, 200 })
            h.Call(57, (ulong)fd);
        long n = h.Call(17, h.Scratch + 0x1000, 4096);
        Assert.That(n, Is.GreaterThan(0));
        Assert.That(mem.ReadCString(h.Scratch + 0x1000), Is.EqualTo(Directory.GetCurrentDirectory()));
    }
}

[TestFixture]
public class EventSyscallTests
{
    [Test(Description = "epoll_event is 16 bytes on arm64 (12 packed on x86-64): epoll_ctl and epoll_pwait translate it")]
    public void EpollEventLayout()
    {
        using var h = new SyscallHarness();
        var mem = h.Process.Memory;
        long ep = h.Call(20, 0x80000);
        Assert.That(ep, Is.GreaterThanOrEqualTo(0));
        ulong fds = h.Scratch, ev = h.Scratch + 0x40, outEv = h.Scratch + 0x100;
        Assert.That(h.Call(59, fds, 0), Is.Zero);
        uint r = mem.Read32(fds), w = mem.Read32(fds + 4);
        mem.Write32(ev, 1); // EPOLLIN
        mem.Write64(ev + 8, 0x1122_3344_5566_7788);
        Assert.That(h.Call(21, (ulong)ep, 1, r, ev), Is.Zero); // EPOLL_CTL_ADD
        Assert.That(h.Call(22, (ulong)ep, outEv, 4, 0, 0, 8), Is.Zero, "nothing ready");
        Assert.That(h.Call(64, w, h.String("x", 0x200), 1), Is.EqualTo(1));
        Assert.That(h.Call(22, (ulong)ep, outEv, 4, 1000, 0, 8), Is.EqualTo(1));
        Assert.That(mem.Read32(outEv), Is.EqualTo(1u));
        Assert.That(mem.Read64(outEv + 8), Is.EqualTo(0x1122_3344_5566_7788UL));
        foreach (var fd in new[] { (ulong)ep, r, w })
            h.Call(57, fd);
    }

    [Test(Description = "preadv gathers into guest buffers at an offset")]
    public void Preadv()
    {
        using var h = new SyscallHarness();
        var mem = h.Process.Memory;
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "0123456789");
            long fd = h.Call(56, unchecked((ulong)-100), h.String(path), 0, 0);
            ulong iov = h.Scratch + 0x100, b1 = h.Scratch + 0x200, b2 = h.Scratch + 0x300;
            mem.Write64(iov, b1);
            mem.Write64(iov + 8, 3);
            mem.Write64(iov + 16, b2);
            mem.Write64(iov + 24, 4);
            Assert.That(h.Call(69, (ulong)fd, iov, 2, 2), Is.EqualTo(7));
            Assert.That(mem.ReadCString(b1), Is.EqualTo("234"));
            Assert.That(mem.ReadCString(b2), Is.EqualTo("5678"));
            h.Call(57, (ulong)fd);
        }
        finally
        {
            File.Delete(path);
        }
    }
}

[TestFixture]
public class BlockingSyscallTests
{
    [Test(Description = "a read that would block waits in a64jit: a signal for the thread ends it with -ERESTARTSYS, the process's exit with -EINTR")]
    public void ReadIsInterruptible()
    {
        using var h = new SyscallHarness();
        var mem = h.Process.Memory;
        ulong fds = h.Scratch;
        Assert.That(h.Call(59, fds, 0), Is.Zero);
        uint r = mem.Read32(fds), w = mem.Read32(fds + 4);
        var read = Task.Run(() => h.Call(63, r, h.Scratch + 0x100, 16));
        Thread.Sleep(100);
        Assert.That(read.IsCompleted, Is.False, "blocks on an empty pipe");
        h.Main.QueueSignal(new SignalInfo(Signals.SIGUSR1, Signals.SI_TKILL));
        Assert.That(read.Wait(5000), Is.True);
        Assert.That(read.Result, Is.EqualTo(-Errno.ERESTARTSYS));
        h.Process.SetAction(Signals.SIGUSR1, new SignalAction(SignalAction.SigIgn, 0, 0, 0)); // discards the pending one
        var again = Task.Run(() => h.Call(63, r, h.Scratch + 0x100, 16));
        Thread.Sleep(50);
        Assert.That(h.Call(64, w, h.String("data", 0x200), 4), Is.EqualTo(4));
        Assert.That(again.Wait(5000), Is.True);
        Assert.That(again.Result, Is.EqualTo(4));
        var last = Task.Run(() => h.Call(63, r, h.Scratch + 0x100, 16));
        Thread.Sleep(50);
        h.Process.Exit(0);
        Assert.That(last.Wait(5000), Is.True);
        Assert.That(last.Result, Is.EqualTo(-Errno.EINTR));
        h.Call(57, r);
        h.Call(57, w);
    }

    [Test(Description = "socketpair, sendmsg with two iovecs and recvmsg translate the msghdr's pointers")]
    public void SocketpairMsg()
    {
        using var h = new SyscallHarness();
        var mem = h.Process.Memory;
        ulong sv = h.Scratch, msg = h.Scratch + 0x100, iov = h.Scratch + 0x200;
        Assert.That(h.Call(199, 1, 1, 0, sv), Is.Zero); // AF_UNIX, SOCK_STREAM
        uint s0 = mem.Read32(sv), s1 = mem.Read32(sv + 4);
        ulong p1 = h.String("hel", 0x300), p2 = h.String("lo", 0x310);
        mem.Write64(iov, p1);
        mem.Write64(iov + 8, 3);
        mem.Write64(iov + 16, p2);
        mem.Write64(iov + 24, 2);
        mem.WriteBytes(msg, new byte[56]);
        mem.Write64(msg + 16, iov);
        mem.Write64(msg + 24, 2);
        Assert.That(h.Call(211, s0, msg, 0), Is.EqualTo(5));
        ulong rbuf = h.Scratch + 0x400;
        mem.Write64(iov, rbuf);
        mem.Write64(iov + 8, 16);
        mem.Write64(msg + 24, 1);
        Assert.That(h.Call(212, s1, msg, 0), Is.EqualTo(5));
        Assert.That(mem.ReadCString(rbuf), Is.EqualTo("hello"));
        h.Call(57, s0);
        h.Call(57, s1);
    }
}
