using A64Jit.Runtime.Linux;
using A64Jit.Tests.Support;

namespace A64Jit.Tests.Runtime.Linux;

[TestFixture]
public class ProcessSyscallTests
{
    [Test(Description = "rt_sigtimedwait takes a blocked pending signal and fills siginfo; with nothing pending it times out with -EAGAIN")]
    public void SigTimedWait()
    {
        using var h = new SyscallHarness();
        var mem = h.Process.Memory;
        ulong set = h.Scratch, info = h.Scratch + 0x100, ts = h.Scratch + 0x200;
        mem.Write64(set, Signals.Bit(Signals.SIGUSR1));
        Assert.That(h.Call(135, 0, set, 0, 8), Is.Zero); // block SIGUSR1
        h.Main.QueueSignal(new SignalInfo(Signals.SIGUSR1, Signals.SI_TKILL, Pid: 42));
        Assert.That(h.Call(136, h.Scratch + 0x300, 8), Is.Zero);
        Assert.That(mem.Read64(h.Scratch + 0x300), Is.EqualTo(Signals.Bit(Signals.SIGUSR1)), "rt_sigpending");
        Assert.That(h.Call(137, set, info, 0, 8), Is.EqualTo(Signals.SIGUSR1));
        Assert.That((int)mem.Read32(info), Is.EqualTo(Signals.SIGUSR1));
        Assert.That((int)mem.Read32(info + 8), Is.EqualTo(Signals.SI_TKILL));
        Assert.That((int)mem.Read32(info + 16), Is.EqualTo(42));
        mem.Write64(ts, 0);
        mem.Write64(ts + 8, 20_000_000);
        Assert.That(h.Call(137, set, info, ts, 8), Is.EqualTo(-Errno.EAGAIN));
    }

    [Test(Description = "rt_sigaction returns the old action, refuses SIGKILL and a wrong sigset size; rt_sigprocmask cannot block SIGKILL")]
    public void SigactionAndMaskRules()
    {
        using var h = new SyscallHarness();
        var mem = h.Process.Memory;
        ulong act = h.Scratch, old = h.Scratch + 0x40, set = h.Scratch + 0x80;
        mem.Write64(act, 0x400100);
        mem.Write64(act + 8, SignalAction.SA_SIGINFO | SignalAction.SA_RESTORER);
        mem.Write64(act + 16, 0x400200);
        mem.Write64(act + 24, ulong.MaxValue);
        Assert.That(h.Call(134, 10, act, 0, 8), Is.Zero);
        Assert.That(h.Call(134, 10, 0, old, 8), Is.Zero);
        Assert.That(mem.Read64(old), Is.EqualTo(0x400100UL));
        Assert.That(mem.Read64(old + 16), Is.EqualTo(0x400200UL));
        Assert.That(mem.Read64(old + 24) & Signals.Unblockable, Is.Zero, "SIGKILL/SIGSTOP never enter sa_mask");
        Assert.That(h.Call(134, 9, act, 0, 8), Is.EqualTo(-Errno.EINVAL));
        Assert.That(h.Call(134, 10, act, 0, 16), Is.EqualTo(-Errno.EINVAL));
        Assert.That(h.Call(134, 65, act, 0, 8), Is.EqualTo(-Errno.EINVAL));
        mem.Write64(set, ulong.MaxValue);
        Assert.That(h.Call(135, 2, set, 0, 8), Is.Zero);
        Assert.That(h.Main.Blocked & Signals.Unblockable, Is.Zero);
        Assert.That(h.Call(135, 7, set, 0, 8), Is.EqualTo(-Errno.EINVAL));
    }

    [Test(Description = "sigaltstack refuses a stack below MINSIGSTKSZ and reports the installed one")]
    public void SigaltstackRules()
    {
        using var h = new SyscallHarness();
        var mem = h.Process.Memory;
        ulong ss = h.Scratch, oss = h.Scratch + 0x40;
        mem.Write64(ss, 0x1000_0000);
        mem.Write64(ss + 8, 0);
        mem.Write64(ss + 16, 1024);
        Assert.That(h.Call(132, ss, 0), Is.EqualTo(-Errno.ENOMEM));
        mem.Write64(ss + 16, 0x10000);
        Assert.That(h.Call(132, ss, oss), Is.Zero);
        Assert.That((int)mem.Read32(oss + 8), Is.EqualTo(SignalFrame.AltStack.SS_DISABLE), "none before");
        Assert.That(h.Call(132, 0, oss), Is.Zero);
        Assert.That((mem.Read64(oss), mem.Read32(oss + 8), mem.Read64(oss + 16)), Is.EqualTo((0x1000_0000UL, 0u, 0x10000UL)));
    }

    [Test(Description = "ppoll reports a readable pipe and times out on an empty one, updating the timeout")]
    public void Ppoll()
    {
        using var h = new SyscallHarness();
        var mem = h.Process.Memory;
        ulong fds = h.Scratch, pfd = h.Scratch + 0x40, ts = h.Scratch + 0x80;
        Assert.That(h.Call(59, fds, 0), Is.Zero);
        uint r = mem.Read32(fds), w = mem.Read32(fds + 4);
        mem.Write32(pfd, r);
        mem.Write32(pfd + 4, 1); // POLLIN
        mem.Write64(ts, 0);
        mem.Write64(ts + 8, 30_000_000);
        Assert.That(h.Call(73, pfd, 1, ts, 0, 8), Is.Zero, "nothing to read: timeout");
        Assert.That(mem.Read64(ts + 8), Is.LessThan(30_000_000UL));
        Assert.That(h.Call(64, w, h.String("x", 0x100), 1), Is.EqualTo(1));
        mem.Write64(ts + 8, 30_000_000);
        Assert.That(h.Call(73, pfd, 1, ts, 0, 8), Is.EqualTo(1));
        Assert.That(mem.Read32(pfd + 4) >> 16, Is.EqualTo(1u), "revents = POLLIN");
        h.Call(57, r);
        h.Call(57, w);
    }

    [Test(Description = "prctl names the thread (15 bytes at most); sched_getaffinity reports the host CPUs; getrusage and times pass through")]
    public void PrctlAffinityUsage()
    {
        using var h = new SyscallHarness();
        var mem = h.Process.Memory;
        Assert.That(h.Call(167, 15, h.String("a-very-long-thread-name")), Is.Zero);
        Assert.That(h.Call(167, 16, h.Scratch + 0x100), Is.Zero);
        Assert.That(mem.ReadCString(h.Scratch + 0x100), Is.EqualTo("a-very-long-thr"));
        long n = h.Call(123, 0, 128, h.Scratch + 0x200);
        Assert.That(n, Is.GreaterThan(0));
        int cpus = 0;
        for (ulong i = 0; i < (ulong)n; i++)
            cpus += System.Numerics.BitOperations.PopCount(mem.Read8(h.Scratch + 0x200 + i));
        Assert.That(cpus, Is.EqualTo(Environment.ProcessorCount));
        Assert.That(h.Call(165, 0, h.Scratch + 0x400), Is.Zero);
        Assert.That(h.Call(153, h.Scratch + 0x600), Is.GreaterThan(0));
        Assert.That(h.Call(261, 0, 7, 0, h.Scratch + 0x700), Is.Zero, "prlimit64(RLIMIT_NOFILE)");
    }
}

[TestFixture]
public class TimerTests
{
    [Test(Description = "setitimer(ITIMER_REAL) sends SIGALRM: the handler runs; with the default action SIGALRM ends the process with 142")]
    public void RealTimer()
    {
        static string Program(bool handle) => $$"""
            _start:
                {{(handle ? "" : "b arm")}}
                mov x0, #14              // rt_sigaction(SIGALRM, &act, NULL, 8)
                la x1, act
                mov x2, #0
                mov x3, #8
                mov x8, #134
                svc #0
            arm:
                mov x0, #0               // setitimer(ITIMER_REAL, &it, NULL)
                la x1, it
                mov x2, #0
                mov x8, #103
                svc #0
                cbnz x0, fail
                mov x0, #0               // getitimer(ITIMER_REAL, &cur): still running
                la x1, cur
                mov x8, #102
                svc #0
                mov x0, #OUT
                la x1, cur
                mov x2, #32
                mov x8, #64
                svc #0
            wait:
                la x0, empty
                mov x1, #8
                mov x8, #133
                svc #0
                b wait
            fail:
                mov x0, #1
                mov x8, #94
                svc #0
            handler:
                mov x0, #8
                mov x8, #94
                svc #0
            .data
            .balign 8
            act: .quad handler, 0, 0, 0
            it: .quad 0, 0, 0, 30000     // no interval, 30 ms
            cur: .quad 0, 0, 0, 0
            empty: .quad 0
            """;
        using (var g = new GuestProgram(Program(true)))
        {
            Assert.That(g.Run(), Is.EqualTo(8), string.Join("\n", g.Log));
            var f = g.Output();
            ulong usec = BitConverter.ToUInt64(f, 24);
            Assert.That(BitConverter.ToUInt64(f, 16), Is.Zero);
            Assert.That(usec, Is.InRange(1UL, 30000UL));
        }
        using (var g = new GuestProgram(Program(false)))
            Assert.That(g.Run(), Is.EqualTo(128 + Signals.SIGALRM));
    }
}

[TestFixture]
public class RealTimeSignalTests
{
    [Test(Description = "real-time signals queue (each rt_sigqueueinfo is delivered, in order, with its si_value); standard ones coalesce")]
    public void RealTimeSignalsQueue()
    {
        using var h = new SyscallHarness();
        var mem = h.Process.Memory;
        ulong set = h.Scratch, info = h.Scratch + 0x100, got = h.Scratch + 0x200;
        const int Rt = Signals.SIGRTMIN + 2;
        mem.Write64(set, Signals.Bit(Rt) | Signals.Bit(Signals.SIGUSR1));
        Assert.That(h.Call(135, 0, set, 0, 8), Is.Zero);
        for (uint v = 1; v <= 3; v++)
        {
            mem.WriteBytes(info, new byte[128]);
            mem.Write32(info + 8, unchecked((uint)Signals.SI_QUEUE));
            mem.Write64(info + 24, v);
            Assert.That(h.Call(138, (ulong)h.Process.Pid, Rt, info), Is.Zero);
            h.Main.QueueSignal(new SignalInfo(Signals.SIGUSR1, Signals.SI_TKILL));
        }
        mem.Write32(info + 8, 0); // SI_USER: only the kernel may send that
        Assert.That(h.Call(138, (ulong)h.Process.Pid, Rt, info), Is.EqualTo(-Errno.EPERM));
        Assert.That(h.Call(137, set, got, 0, 8), Is.EqualTo(Signals.SIGUSR1), "lowest first");
        for (ulong v = 1; v <= 3; v++)
        {
            Assert.That(h.Call(137, set, got, 0, 8), Is.EqualTo(Rt));
            Assert.That(mem.Read64(got + 24), Is.EqualTo(v), "si_value");
            Assert.That((int)mem.Read32(got + 8), Is.EqualTo(Signals.SI_QUEUE));
        }
        mem.Write64(h.Scratch + 0x300, 0);
        mem.Write64(h.Scratch + 0x308, 0);
        Assert.That(h.Call(137, set, got, h.Scratch + 0x300, 8), Is.EqualTo(-Errno.EAGAIN), "three SIGUSR1 coalesced into one");
    }
}
