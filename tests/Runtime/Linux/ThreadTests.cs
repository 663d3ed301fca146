using System.Diagnostics;
using A64Jit.Runtime.Cpu;
using A64Jit.Runtime.Linux;
using A64Jit.Tests.Support;

namespace A64Jit.Tests.Runtime.Linux;

[TestFixture]
public class ThreadTests
{
    [Test(Description = "clone(CLONE_VM|...|CLONE_SETTLS|CLONE_PARENT_SETTID|CLONE_CHILD_CLEARTID) runs guest code on a new thread; the parent waits on the cleared tid with futex")]
    public void CloneThreadAndJoin()
    {
        using var g = new GuestProgram("""
            _start:
                mov x0, #0x0F00              // CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND
                movk x0, #0x3D, lsl #16      // | THREAD | SYSVSEM | SETTLS | PARENT_SETTID | CHILD_CLEARTID
                la x1, stack_top
                la x2, ctid
                mov x3, #0x123
                la x4, ctid
                mov x8, #220
                svc #0
                cbz x0, child
                cmp x0, #0
                b.le fail
                add x20, x0, #0
            wait:
                la x0, ctid                  // futex(&ctid, FUTEX_WAIT, tid, NULL)
                mov x1, #0
                add x2, x20, #0
                mov x3, #0
                mov x8, #98
                svc #0
                cbz x0, wait
                cmn x0, #11                  // -EAGAIN: the word was cleared at the child's exit
                b.ne fail
                mov x0, #OUT
                la x1, msg_p
                mov x2, #1
                mov x8, #64
                svc #0
                mov x0, #7
                mov x8, #94
                svc #0
            fail:
                mov x0, #1
                mov x8, #94
                svc #0
            child:
                mrs x9, tpidr_el0
                cmp x9, #0x123
                b.ne cfail
                mov x0, #OUT
                la x1, msg_c
                mov x2, #1
                mov x8, #64
                svc #0
                mov x0, #0                   // exit(0): this thread only
                mov x8, #93
                svc #0
            cfail:
                mov x0, #3
                mov x8, #94
                svc #0
            msg_p: .ascii "P"
            msg_c: .ascii "C"
            .data
            .balign 16
            stack: .space 65536
            stack_top:
            ctid: .word 0
            """);
        Assert.That(g.Run(), Is.EqualTo(7), string.Join("\n", g.Log));
        Assert.That(System.Text.Encoding.ASCII.GetString(g.Output()), Is.EqualTo("CP"));
    }

    [Test(Description = "exit_group from a second thread ends the process while the main thread sleeps in a futex wait")]
    public void ExitGroupFromThread()
    {
        using var g = new GuestProgram("""
            _start:
                mov x0, #0x0F00
                movk x0, #0x1, lsl #16       // CLONE_THREAD
                la x1, stack_top
                mov x2, #0
                mov x3, #0
                mov x4, #0
                mov x8, #220
                svc #0
                cbz x0, child
            wait:
                la x0, word                  // futex(&word, FUTEX_WAIT, 0, NULL): nobody wakes it
                mov x1, #0
                mov x2, #0
                mov x3, #0
                mov x8, #98
                svc #0
                b wait
            child:
                mov x0, #33
                mov x8, #94
                svc #0
            .data
            .balign 16
            stack: .space 16384
            stack_top:
            word: .word 0
            """);
        Assert.That(g.Run(), Is.EqualTo(33), string.Join("\n", g.Log));
    }

    static (SyscallHarness H, LinuxThread T) Waiter(SyscallHarness h)
    {
        var t = new LinuxThread(h.Process, new CpuState(), h.Process.AllocateTid());
        h.Process.ThreadStarted(t);
        return (h, t);
    }

    static void WaitForWaiters(FutexTable table, ulong address, int count)
    {
        var clock = Stopwatch.StartNew();
        while (table.WaitersAt(address) < count)
        {
            Assert.That(clock.ElapsedMilliseconds, Is.LessThan(10_000), "waiter never queued");
            Thread.Sleep(1);
        }
    }

    [Test(Description = "FUTEX_WAIT returns -EAGAIN when the word differs, 0 when woken from another host thread")]
    public void FutexWaitWake()
    {
        using var h = new SyscallHarness();
        var (_, t) = Waiter(h);
        var table = h.Process.Futexes;
        ulong word = h.Scratch;
        h.Process.Memory.Write32(word, 5);
        Assert.That(table.Wait(t, word, 4, FutexTable.BitsetMatchAny, long.MaxValue), Is.EqualTo(-Errno.EAGAIN));
        var waiting = Task.Run(() => table.Wait(t, word, 5, 0b01, long.MaxValue));
        WaitForWaiters(table, word, 1);
        Assert.That(table.Wake(h.Process.Memory, word, 1, 0b10), Is.Zero, "bitset does not match");
        Assert.That(h.Call(98, word, 1, int.MaxValue), Is.EqualTo(1), "futex(FUTEX_WAKE) through the syscall");
        Assert.That(waiting.Wait(10_000), Is.True);
        Assert.That(waiting.Result, Is.Zero);
    }

    [Test(Description = "FUTEX_WAIT with a relative timeout and FUTEX_WAIT_BITSET with an absolute CLOCK_MONOTONIC one time out")]
    public void FutexTimeouts()
    {
        using var h = new SyscallHarness();
        ulong word = h.Scratch, ts = h.Scratch + 64;
        h.Process.Memory.Write64(ts, 0);
        h.Process.Memory.Write64(ts + 8, 30_000_000);
        var clock = Stopwatch.StartNew();
        Assert.That(h.Call(98, word, 128, 0, ts), Is.EqualTo(-Errno.ETIMEDOUT)); // FUTEX_WAIT | FUTEX_PRIVATE_FLAG
        Assert.That(clock.ElapsedMilliseconds, Is.InRange(25, 5000));
        long now = Stopwatch.GetTimestamp() * (1_000_000_000 / Stopwatch.Frequency) + 30_000_000; // Stopwatch is CLOCK_MONOTONIC in ns on Linux
        h.Process.Memory.Write64(ts, (ulong)(now / 1_000_000_000));
        h.Process.Memory.Write64(ts + 8, (ulong)(now % 1_000_000_000));
        clock.Restart();
        Assert.That(h.Call(98, word, 9 | 128, 0, ts, 0, uint.MaxValue), Is.EqualTo(-Errno.ETIMEDOUT));
        Assert.That(clock.ElapsedMilliseconds, Is.InRange(20, 5000));
    }

    [Test(Description = "FUTEX_CMP_REQUEUE wakes one waiter and moves the other to the second word")]
    public void FutexRequeue()
    {
        using var h = new SyscallHarness();
        var (_, t1) = Waiter(h);
        var (_, t2) = Waiter(h);
        var table = h.Process.Futexes;
        ulong a = h.Scratch, b = h.Scratch + 4;
        var w1 = Task.Run(() => table.Wait(t1, a, 0, FutexTable.BitsetMatchAny, long.MaxValue));
        var w2 = Task.Run(() => table.Wait(t2, a, 0, FutexTable.BitsetMatchAny, long.MaxValue));
        WaitForWaiters(table, a, 2);
        Assert.That(h.Call(98, a, 4, 1, 1, b, 1), Is.EqualTo(-Errno.EAGAIN), "compare value differs");
        Assert.That(h.Call(98, a, 4, 1, 1, b, 0), Is.EqualTo(2));
        Assert.That(Task.WaitAny([w1, w2], 10_000), Is.Not.EqualTo(-1));
        Assert.That(table.WaitersAt(b), Is.EqualTo(1));
        Assert.That(table.Wake(h.Process.Memory, b, 1, FutexTable.BitsetMatchAny), Is.EqualTo(1));
        Assert.That(Task.WaitAll([w1, w2], 10_000), Is.True);
        Assert.That(w1.Result + w2.Result, Is.Zero);
    }

    [Test(Description = "a signal for the waiting thread interrupts its futex wait; the process exiting wakes it too")]
    public void FutexWaitInterrupted()
    {
        using var h = new SyscallHarness();
        var (_, t) = Waiter(h);
        var table = h.Process.Futexes;
        ulong word = h.Scratch;
        var w = Task.Run(() => table.Wait(t, word, 0, FutexTable.BitsetMatchAny, long.MaxValue));
        WaitForWaiters(table, word, 1);
        t.QueueSignal(new SignalInfo(Signals.SIGUSR1, Signals.SI_TKILL));
        Assert.That(w.Wait(10_000), Is.True);
        Assert.That(w.Result, Is.EqualTo(-Errno.ERESTARTSYS));
        Assert.That(table.WaitersAt(word), Is.Zero);

        var (_, t2) = Waiter(h);
        var w2 = Task.Run(() => table.Wait(t2, word, 0, FutexTable.BitsetMatchAny, long.MaxValue));
        WaitForWaiters(table, word, 1);
        h.Process.Exit(0);
        Assert.That(w2.Wait(10_000), Is.True);
        Assert.That(w2.Result, Is.Not.Zero);
    }

    [Test(Description = "a thread's exit zeroes clear_child_tid, wakes its waiter and marks its robust futexes OWNER_DIED")]
    public void ExitReleasesTidAndRobustList()
    {
        using var h = new SyscallHarness();
        var (_, t) = Waiter(h);
        var mem = h.Process.Memory;
        ulong tidWord = h.Scratch, head = h.Scratch + 64, entry = h.Scratch + 128;
        mem.Write32(tidWord, (uint)t.Tid);
        t.ClearChildTid = tidWord;
        // robust_list_head { next = entry, futex_offset = 8, list_op_pending = 0 }; entry { next = head }; lock word at entry + 8
        mem.Write64(head, entry);
        mem.Write64(head + 8, 8);
        mem.Write64(head + 16, 0);
        mem.Write64(entry, head);
        mem.Write32(entry + 8, 0x8000_0000u | (uint)t.Tid); // FUTEX_WAITERS | owner
        t.RobustListHead = head;
        var (_, joiner) = Waiter(h);
        var join = Task.Run(() => h.Process.Futexes.Wait(joiner, tidWord, (uint)t.Tid, FutexTable.BitsetMatchAny, long.MaxValue));
        WaitForWaiters(h.Process.Futexes, tidWord, 1);
        t.ExitThread(0);
        Assert.That(join.Wait(10_000), Is.True);
        Assert.That(join.Result, Is.Zero);
        Assert.That(mem.Read32(tidWord), Is.Zero);
        Assert.That(mem.Read32(entry + 8), Is.EqualTo(0xC000_0000u), "FUTEX_WAITERS | FUTEX_OWNER_DIED");
    }
}

[TestFixture]
public class ThreadSignalTests
{
    [Test(Description = "tgkill queues per thread: a signal for the blocking main thread stays pending there, one for the other thread runs its handler")]
    public void TgkillTargetsOneThread()
    {
        using var g = new GuestProgram("""
            _start:
                mov x0, #10              // rt_sigaction(SIGUSR1, &act, NULL, 8)
                la x1, act
                mov x2, #0
                mov x3, #8
                mov x8, #134
                svc #0
                mov x0, #0x0F00
                movk x0, #0x1, lsl #16   // a thread: CLONE_VM | FS | FILES | SIGHAND | THREAD
                la x1, stack_top
                mov x2, #0
                mov x3, #0
                mov x4, #0
                mov x8, #220
                svc #0
                cbz x0, child
                add x20, x0, #0          // the child's tid
                mov x0, #0               // block SIGUSR1 in the main thread only
                la x1, usr1
                mov x2, #0
                mov x3, #8
                mov x8, #135
                svc #0
                mov x8, #172
                svc #0
                add x21, x0, #0          // pid = main tid
                add x1, x21, #0          // tgkill(pid, pid, SIGUSR1): pending on main
                mov x2, #10
                mov x8, #131
                svc #0
                la x0, ts                // nanosleep 20 ms: time for the child to (wrongly) take it
                mov x1, #0
                mov x8, #101
                svc #0
                la x0, pend
                mov x1, #8
                mov x8, #136
                svc #0
                mov x0, #OUT
                la x1, pend
                mov x2, #8
                mov x8, #64
                svc #0
                add x0, x21, #0          // tgkill(pid, child, SIGUSR1)
                add x1, x20, #0
                mov x2, #10
                mov x8, #131
                svc #0
            park:
                la x0, word
                mov x1, #0
                mov x2, #0
                mov x3, #0
                mov x8, #98
                svc #0
                b park
            child:
                la x0, word
                mov x1, #0
                mov x2, #0
                mov x3, #0
                mov x8, #98
                svc #0
                b child
            handler:
                mov x0, #OUT
                la x1, s
                mov x2, #1
                mov x8, #64
                svc #0
                mov x0, #5
                mov x8, #94
                svc #0
            restorer:
                mov x8, #139
                svc #0
            s: .ascii "S"
            .data
            .balign 16
            stack: .space 16384
            stack_top:
            act: .quad handler, 0x04000000, restorer, 0
            usr1: .quad 0x200
            pend: .quad 0
            ts: .quad 0, 20000000
            word: .word 0
            """);
        Assert.That(g.Run(), Is.EqualTo(5), string.Join("\n", g.Log));
        var f = g.Output();
        Assert.That(f, Has.Length.EqualTo(9));
        Assert.That(BitConverter.ToUInt64(f, 0), Is.EqualTo(0x200UL), "pending on the main thread");
        Assert.That(f[8], Is.EqualTo((byte)'S'));
    }
}

/// <summary>A guest running inside another host program (here the test host) must not fork or exec that program.</summary>
[TestFixture]
public class InProcessForkTests
{
    [Test(Description = "fork-style clone inside a non-a64jit host returns -ENOSYS with one warning")]
    public void ForkInsideAnotherHostIsRefused()
    {
        using var h = new SyscallHarness();
        Assert.That(h.Call(220, 17), Is.EqualTo(-Errno.ENOSYS)); // SIGCHLD only: fork
        Assert.That(h.Call(220, 0x4111, 0), Is.EqualTo(-Errno.ENOSYS)); // CLONE_VM | CLONE_VFORK | SIGCHLD
        Assert.That(h.Log, Has.Exactly(1).Contains("fork"));
    }
}
