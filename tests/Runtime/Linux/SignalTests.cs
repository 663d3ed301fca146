using System.Buffers.Binary;
using A64Jit.Runtime.Linux;
using A64Jit.Tests.Support;

namespace A64Jit.Tests.Runtime.Linux;

[TestFixture]
public class SignalTests
{
    static ulong U64(byte[] b, int offset) => BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan(offset));
    static int I32(byte[] b, int offset) => BinaryPrimitives.ReadInt32LittleEndian(b.AsSpan(offset));

    [Test(Description = "rt_sigframe offsets match the arm64 headers (uc_mcontext at 176 in ucontext, __reserved at 288, 4688 bytes)")]
    public void FrameLayoutMatchesKernelHeaders()
    {
        Assert.That(SignalFrame.UcSigmask - SignalFrame.UcontextOffset, Is.EqualTo(40));
        Assert.That(SignalFrame.McontextOffset - SignalFrame.UcontextOffset, Is.EqualTo(176));
        Assert.That(SignalFrame.Reserved - SignalFrame.McontextOffset, Is.EqualTo(288));
        Assert.That(SignalFrame.FrameSize, Is.EqualTo(4688));
        Assert.That(SignalFrame.FrameSize % 16, Is.Zero);
        Assert.That(SignalFrame.MinSigStackSize, Is.EqualTo(4720UL));
    }

    [Test(Description = "Build then Restore gives back every register, NZCV, the SIMD registers, FPSR/FPCR and the mask")]
    public void FrameRoundTrip()
    {
        var s = new A64Jit.Runtime.Cpu.CpuState { Sp = 0x7000, Pc = 0x400123, Nzcv = 0xA000_0000, Fpsr = 0x8000_0010, Fpcr = 0x0040_0000 };
        for (int i = 0; i < 31; i++)
            s.X[i] = 0x1111_0000UL * (ulong)(i + 1);
        for (int i = 0; i < 32; i++)
            s.V[i] = ((UInt128)(ulong)i << 64) | (ulong)(0xF00 + i);
        var frame = SignalFrame.Build(s, new SignalInfo(Signals.SIGUSR1, Signals.SI_TKILL, Pid: 77), 0x1234,
            SignalFrame.AltStack.Disabled, 0);
        Assert.That(BinaryPrimitives.ReadUInt32LittleEndian(frame.AsSpan(SignalFrame.Reserved)), Is.EqualTo(SignalFrame.FpsimdMagic));
        Assert.That(BinaryPrimitives.ReadUInt32LittleEndian(frame.AsSpan(SignalFrame.Reserved + 4)), Is.EqualTo(528u));
        Assert.That(U64(frame, SignalFrame.Reserved + 528), Is.Zero, "terminating null record");
        Assert.That(U64(frame, SignalFrame.Pstate), Is.EqualTo(0xA000_0000UL));
        var back = new A64Jit.Runtime.Cpu.CpuState();
        var r = SignalFrame.Restore(frame, back);
        Assert.That(r, Is.Not.Null);
        Assert.That(r!.Mask, Is.EqualTo(0x1234UL));
        Assert.That((r.Fpsr, r.Fpcr), Is.EqualTo((s.Fpsr, s.Fpcr)));
        back.Fpsr = r.Fpsr;
        back.Fpcr = r.Fpcr;
        Assert.That(back.Differences(s), Is.Empty);
    }

    [Test(Description = "a frame without its fpsimd record is refused (badframe)")]
    public void RestoreRejectsBadFrame()
    {
        var frame = SignalFrame.Build(new A64Jit.Runtime.Cpu.CpuState(), new SignalInfo(10, 0), 0, SignalFrame.AltStack.Disabled, 0);
        frame[SignalFrame.Reserved] = 0x42;
        Assert.That(SignalFrame.Restore(frame, new A64Jit.Runtime.Cpu.CpuState()), Is.Null);
    }

    const string HandlerProgram = """
        _start:
            mov x0, #10              // rt_sigaction(SIGUSR1, &act, NULL, 8)
            la x1, act
            mov x2, #0
            mov x3, #8
            mov x8, #134
            svc #0
            cbnz x0, fail
            movz x19, #0x123
            movz x28, #0x456
            movz x9, #0x6000, lsl #16
            msr nzcv, x9             // Z and C set
            mov x8, #172             // getpid
            svc #0
            mov x1, #10              // kill(getpid(), SIGUSR1)
            mov x8, #129
            svc #0
            cbnz x0, fail            // kill's result survives the handler
            cmp x19, #0x123
            b.ne fail
            cmp x28, #0x456
            b.ne fail
            mrs x9, nzcv             // restored from pstate (cmp above set Z and C again: check before)
            mov x0, #42
            mov x8, #94
            svc #0
        fail:
            mov x0, #1
            mov x8, #94
            svc #0
        handler:
            cmp x0, #10
            b.ne fail
            sub x20, x2, #128        // ucontext follows the 128-byte siginfo
            mov x0, #OUT             // write(OUT, x1, sizeof(rt_sigframe))
            mov x2, #4688
            mov x8, #64
            svc #0
            mov x0, #OUT             // write(OUT, x2 - 128, ...): the same bytes
            add x1, x20, #0
            mov x2, #4688
            mov x8, #64
            svc #0
            mov x0, #OUT             // write(OUT, sp, ...): the frame starts at the new sp
            add x1, sp, #0
            mov x2, #4688
            mov x8, #64
            svc #0
            mov x19, #0              // clobber what sigreturn must restore
            mov x28, #0
            msr nzcv, xzr
            ret
        restorer:
            mov x8, #139
            svc #0
        .data
        .balign 8
        act: .quad handler, 0x04000004, restorer, 0   // SA_SIGINFO | SA_RESTORER
        """;

    [Test(Description = "kill to self runs an SA_SIGINFO handler with x0-x2 set; sigreturn restores the registers; the frame holds siginfo and the interrupted state")]
    public void HandlerRunsAndSigreturnRestores()
    {
        using var g = new GuestProgram(HandlerProgram);
        Assert.That(g.Run(), Is.EqualTo(42), string.Join("\n", g.Log));
        var all = g.Output();
        Assert.That(all, Has.Length.EqualTo(3 * SignalFrame.FrameSize));
        var f = all[..SignalFrame.FrameSize];
        Assert.That(all[SignalFrame.FrameSize..(2 * SignalFrame.FrameSize)], Is.EqualTo(f), "x2 = x1 + 128");
        Assert.That(all[(2 * SignalFrame.FrameSize)..], Is.EqualTo(f), "sp = x1");
        Assert.That(I32(f, 0), Is.EqualTo(Signals.SIGUSR1), "si_signo");
        Assert.That(I32(f, 8), Is.EqualTo(Signals.SI_USER), "si_code");
        Assert.That(I32(f, 16), Is.EqualTo(Environment.ProcessId), "si_pid");
        Assert.That(U64(f, SignalFrame.UcSigmask), Is.Zero, "the mask before the handler");
        Assert.That(U64(f, SignalFrame.Regs + 19 * 8), Is.EqualTo(0x123UL));
        Assert.That(U64(f, SignalFrame.Regs + 8 * 8), Is.EqualTo(129UL), "x8 = kill's number");
        Assert.That(U64(f, SignalFrame.Regs), Is.Zero, "x0 = kill's result");
        Assert.That(U64(f, SignalFrame.Pstate), Is.EqualTo(0x6000_0000UL));
        Assert.That(BinaryPrimitives.ReadUInt32LittleEndian(f.AsSpan(SignalFrame.Reserved)), Is.EqualTo(SignalFrame.FpsimdMagic));
        ulong sp = U64(f, SignalFrame.SpOffset), pc = U64(f, SignalFrame.PcOffset);
        Assert.That(pc % 4, Is.Zero);
        Assert.That(sp % 16, Is.Zero);
    }

    [TestCase("movz x9, #0xdead, lsl #16\n br x9", Signals.SIGSEGV, Signals.SEGV_MAPERR, 0xdead0000UL, TestName = "SIGSEGV from a jump to unmapped memory: si_addr is the address")]
    [TestCase("brk #7", Signals.SIGTRAP, Signals.TRAP_BRKPT, 0UL, TestName = "SIGTRAP from brk: si_addr is the pc")]
    [TestCase("udf #0", Signals.SIGILL, Signals.ILL_ILLOPC, 0UL, TestName = "SIGILL from udf: si_addr is the pc")]
    public void SynchronousSignalRunsHandler(string faulting, int sig, int code, ulong addr)
    {
        using var g = new GuestProgram($$"""
            _start:
                mov x0, #{{sig}}
                la x1, act
                mov x2, #0
                mov x3, #8
                mov x8, #134
                svc #0
                cbnz x0, fail
            site:
                {{faulting}}
            fail:
                mov x0, #1
                mov x8, #94
                svc #0
            handler:
                mov x0, #OUT
                mov x2, #4688
                mov x8, #64
                svc #0
                mov x0, #0
                mov x8, #94
                svc #0
            restorer:
                mov x8, #139
                svc #0
            .data
            .balign 8
            act: .quad handler, 0x04000004, restorer, 0
            """);
        Assert.That(g.Run(), Is.Zero, string.Join("\n", g.Log));
        var f = g.Output();
        Assert.That(I32(f, 0), Is.EqualTo(sig));
        Assert.That(I32(f, 8), Is.EqualTo(code));
        ulong pc = U64(f, SignalFrame.PcOffset);
        Assert.That(U64(f, 16), Is.EqualTo(addr == 0 ? pc : addr), "si_addr");
        if (sig == Signals.SIGSEGV)
        {
            Assert.That(pc, Is.EqualTo(addr), "the faulting pc");
            Assert.That(U64(f, SignalFrame.FaultAddress), Is.EqualTo(addr));
        }
    }

    [Test(Description = "with no handler a fault kills the process with 128 + signal and a one-line report")]
    public void UnhandledFaultKills()
    {
        using var g = new GuestProgram("_start:\n udf #0\n");
        Assert.That(g.Run(), Is.EqualTo(128 + Signals.SIGILL));
        Assert.That(g.Log, Has.Exactly(1).Contains("guest killed by SIGILL"));
    }

    [Test(Description = "a blocked signal stays pending (rt_sigpending), sigsuspend takes it with the handler, then the old mask is back")]
    public void BlockPendingSuspend()
    {
        using var g = new GuestProgram("""
            _start:
                mov x0, #12              // rt_sigaction(SIGUSR2, &act, NULL, 8)
                la x1, act
                mov x2, #0
                mov x3, #8
                mov x8, #134
                svc #0
                mov x0, #0               // rt_sigprocmask(SIG_BLOCK, &usr2, NULL, 8)
                la x1, usr2
                mov x2, #0
                mov x3, #8
                mov x8, #135
                svc #0
                mov x8, #172
                svc #0
                mov x1, #12
                mov x8, #129             // kill(self, SIGUSR2): stays pending
                svc #0
                la x0, pend              // rt_sigpending(&pend, 8)
                mov x1, #8
                mov x8, #136
                svc #0
                mov x0, #OUT             // write(OUT, &pend, 8)
                la x1, pend
                mov x2, #8
                mov x8, #64
                svc #0
                la x0, empty             // rt_sigsuspend(&empty, 8): the handler runs, then -EINTR
                mov x1, #8
                mov x8, #133
                svc #0
                cmn x0, #4
                b.ne fail
                mov x0, #0               // rt_sigprocmask(SIG_BLOCK, NULL, &old, 8)
                mov x1, #0
                la x2, old
                mov x3, #8
                mov x8, #135
                svc #0
                mov x0, #OUT             // write(OUT, &old, 8)
                la x1, old
                mov x2, #8
                mov x8, #64
                svc #0
                mov x0, #5
                mov x8, #94
                svc #0
            fail:
                mov x0, #1
                mov x8, #94
                svc #0
            handler:
                add x9, x2, #0
                mov x0, #OUT             // write(OUT, "H", 1)
                la x1, h
                mov x2, #1
                mov x8, #64
                svc #0
                ret
            restorer:
                mov x8, #139
                svc #0
            .data
            .balign 8
            act: .quad handler, 0x04000000, restorer, 0
            usr2: .quad 0x800
            empty: .quad 0
            pend: .quad 0
            old: .quad 0
            h: .ascii "H"
            """);
        Assert.That(g.Run(), Is.EqualTo(5), string.Join("\n", g.Log));
        var f = g.Output();
        Assert.That(f, Has.Length.EqualTo(17));
        Assert.That(U64(f, 0), Is.EqualTo(0x800UL), "SIGUSR2 pending");
        Assert.That(f[8], Is.EqualTo((byte)'H'));
        Assert.That(U64(f, 9), Is.EqualTo(0x800UL), "the caller's mask is back after the handler");
    }

    [Test(Description = "SA_ONSTACK runs the handler on the sigaltstack stack")]
    public void AltStack()
    {
        using var g = new GuestProgram("""
            _start:
                la x0, ss                // sigaltstack(&ss, NULL)
                mov x1, #0
                mov x8, #132
                svc #0
                cbnz x0, fail
                mov x0, #10
                la x1, act
                mov x2, #0
                mov x3, #8
                mov x8, #134
                svc #0
                mov x8, #172
                svc #0
                mov x1, #10
                mov x8, #129
                svc #0
            fail:
                mov x0, #1
                mov x8, #94
                svc #0
            handler:
                mov x0, #0               // sigaltstack(NULL, &oss): SS_ONSTACK when sp is on it
                la x1, oss
                mov x8, #132
                svc #0
                mov x0, #OUT
                la x1, oss
                mov x2, #24
                mov x8, #64
                svc #0
                mov x0, #9
                mov x8, #94
                svc #0
            restorer:
                mov x8, #139
                svc #0
            .data
            .balign 16
            altstack: .space 16384
            ss: .quad altstack, 0, 16384
            act: .quad handler, 0x0C000000, restorer, 0   // SA_ONSTACK | SA_RESTORER
            oss: .quad 0, 0, 0
            """);
        Assert.That(g.Run(), Is.EqualTo(9), string.Join("\n", g.Log));
        var f = g.Output();
        Assert.That(I32(f, 8), Is.EqualTo(SignalFrame.AltStack.SS_ONSTACK));
        Assert.That(U64(f, 16), Is.EqualTo(16384UL));
    }

    [Test(Description = "an uncaught SIGTERM from kill ends the process with 143; SIG_IGN discards it")]
    public void DefaultAndIgnoredDispositions()
    {
        using var killed = new GuestProgram("""
            _start:
                mov x8, #172
                svc #0
                mov x1, #15
                mov x8, #129
                svc #0
                mov x0, #0
                mov x8, #94
                svc #0
            """);
        Assert.That(killed.Run(), Is.EqualTo(128 + 15));
        using var ignored = new GuestProgram("""
            _start:
                mov x0, #15
                la x1, act
                mov x2, #0
                mov x3, #8
                mov x8, #134
                svc #0
                mov x8, #172
                svc #0
                mov x1, #15
                mov x8, #129
                svc #0
                mov x0, #3
                mov x8, #94
                svc #0
            .data
            .balign 8
            act: .quad 1, 0, 0, 0
            """);
        Assert.That(ignored.Run(), Is.EqualTo(3));
    }
}

[TestFixture]
public class RestartTests
{
    static string Program(ulong flags) => $$"""
        _start:
            mov x0, #10
            la x1, act
            mov x2, #0
            mov x3, #8
            mov x8, #134
            svc #0
            mov x0, #0x0F00
            movk x0, #0x1, lsl #16
            la x1, stack_top
            mov x2, #0
            mov x3, #0
            mov x4, #0
            mov x8, #220
            svc #0
            cbz x0, child
            add x20, x0, #0
        waitchild:
            la x0, word              // futex(&word, FUTEX_CMP_REQUEUE, 0, 1, &word, 0): counts the waiter
            mov x1, #4
            mov x2, #0
            mov x3, #1
            la x4, word
            mov x5, #0
            mov x8, #98
            svc #0
            cbnz x0, ready
            la x0, ts
            mov x1, #0
            mov x8, #101
            svc #0
            b waitchild
        ready:
            mov x8, #172
            svc #0
            add x1, x20, #0          // tgkill(pid, child, SIGUSR1)
            mov x2, #10
            mov x8, #131
            svc #0
            la x0, ts                // let the handler run and the wait resume (or fail)
            mov x1, #0
            mov x8, #101
            svc #0
        wake:
            la x0, word              // futex(&word, FUTEX_WAKE, 1) until it wakes the child
            mov x1, #1
            mov x2, #1
            mov x8, #98
            svc #0
            cbnz x0, park
            la x0, ts
            mov x1, #0
            mov x8, #101
            svc #0
            b wake
        park:
            la x0, ts
            mov x1, #0
            mov x8, #101
            svc #0
            b park
        child:
            la x0, word              // futex(&word, FUTEX_WAIT, 0, NULL)
            mov x1, #0
            mov x2, #0
            mov x3, #0
            mov x8, #98
            svc #0
            cbz x0, woken
            mov x0, #OUT
            la x1, e
            mov x2, #1
            mov x8, #64
            svc #0
            mov x0, #5
            mov x8, #94
            svc #0
        woken:
            mov x0, #OUT
            la x1, w
            mov x2, #1
            mov x8, #64
            svc #0
            mov x0, #4
            mov x8, #94
            svc #0
        handler:
            mov x0, #OUT
            la x1, s
            mov x2, #1
            mov x8, #64
            svc #0
            ret
        restorer:
            mov x8, #139
            svc #0
        s: .ascii "S"
        e: .ascii "E"
        w: .ascii "W"
        .data
        .balign 16
        stack: .space 16384
        stack_top:
        act: .quad handler, {{flags}}, restorer, 0
        ts: .quad 0, 30000000
        word: .word 0
        """;

    [Test(Description = "a futex wait interrupted by a handler with SA_RESTART resumes; without it the wait fails with -EINTR")]
    public void SaRestart()
    {
        using (var g = new GuestProgram(Program(SignalAction.SA_RESTORER | SignalAction.SA_RESTART)))
        {
            Assert.That(g.Run(), Is.EqualTo(4), string.Join("\n", g.Log));
            Assert.That(System.Text.Encoding.ASCII.GetString(g.Output()), Is.EqualTo("SW"));
        }
        using (var g = new GuestProgram(Program(SignalAction.SA_RESTORER)))
        {
            Assert.That(g.Run(), Is.EqualTo(5), string.Join("\n", g.Log));
            Assert.That(System.Text.Encoding.ASCII.GetString(g.Output()), Is.EqualTo("SE"));
        }
    }
}
