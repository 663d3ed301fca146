using A64Jit.IR;
using A64Jit.Runtime.Linux;
using A64Jit.Tests.Support;

namespace A64Jit.Tests.Frontend.Lift;

/// <summary>
/// Hints, barriers, PSTATE, system instructions and system-register moves (Lift/System.cs) with
/// the EL0 view of UserModeSystemRegisters. Where qemu's CPU differs from ours by design (its ID
/// registers and cache geometry, PAuth), the expected values come from our own definitions.
/// </summary>
[TestFixture]
public class SystemTests
{
    [Test(Description = "hints and barriers change nothing; qemu agrees")]
    public void HintsAndBarriersAreNops()
    {
        QemuOracle.AssertSameAsQemu("""
            mov x1, #5
            nop
            yield
            sev
            sevl
            esb
            psb csync
            tsb csync
            csdb
            bti
            bti c
            bti jc
            hint #0x7f
            hint #0x2a
            clrex
            clrex #5
            dmb ish
            dmb ld
            dsb sy
            dsb nsh
            ssbb
            pssbb
            isb
            sb
            add x2, x1, #1
            brk #0
            """);
    }

    [Test(Description = "PAuth and WFE/WFI hints are NOPs here (PAuth is not implemented; qemu's CPU has it, so no oracle)")]
    public void PauthHintsAreNops()
    {
        var s = AsmRunner.Exec("""
            mov x30, #0x1234
            mov x17, #0x10
            mov x16, #0x20
            paciasp
            pacibsp
            paciaz
            pacibz
            pacia1716
            pacib1716
            autiasp
            autibsp
            autiaz
            autibz
            autia1716
            autib1716
            xpaclri
            wfe
            wfi
            brk #0
            """);
        Assert.That((s.X[30], s.X[17], s.X[16]), Is.EqualTo((0x1234UL, 0x10UL, 0x20UL)));
    }

    [Test(Description = "isb ends the block; the next instruction still runs")]
    public void IsbEndsBlock()
    {
        var block = A64Jit.Frontend.Lifting.Lifter.Lift(0, pc => pc == 0 ? 0xD5033FDFu : 0xD503201Fu);
        Assert.That(block.GuestInstructionCount, Is.EqualTo(1));
        Assert.That(block.Terminal, Is.EqualTo(new Terminal.Link(4)));
    }

    [Test(Description = "mrs/msr nzcv and tpidr_el0 round-trip (tpidr_el0 restored for qemu's libc)")]
    public void NzcvAndThreadPointer()
    {
        QemuOracle.AssertSameAsQemu("""
            movz x1, #0xf000, lsl #16
            movk x1, #0xffff
            msr nzcv, x1
            mrs x2, nzcv
            mov x3, #0x60000000
            msr nzcv, x3
            cset x4, eq
            mrs x0, tpidr_el0
            movz x5, #0xbeef
            movk x5, #0xdead, lsl #48
            msr tpidr_el0, x5
            mrs x6, tpidr_el0
            msr tpidr_el0, x0
            mov x0, #0
            brk #0
            """);
    }

    [Test(Description = "EL0-readable registers: cache geometry, counter, and the ID registers Linux emulates")]
    public void ReadableRegisters()
    {
        var s = AsmRunner.Exec("""
            mrs x1, ctr_el0
            mrs x2, dczid_el0
            mrs x3, cntfrq_el0
            mrs x4, cntvct_el0
            mrs x5, midr_el1
            mrs x6, mpidr_el1
            mrs x7, revidr_el1
            mrs x8, id_aa64isar0_el1
            mrs x9, id_aa64isar1_el1
            mrs x10, id_aa64pfr0_el1
            mrs x11, id_aa64pfr1_el1
            mrs x12, id_aa64mmfr0_el1
            mrs x13, s3_0_c0_c4_4
            mrs x14, s3_0_c0_c7_7
            mrs x15, fpcr
            mrs x16, cntvct_el0
            brk #0
            """);
        var ids = IdRegisters.Default;
        Assert.Multiple(() =>
        {
            Assert.That(s.X[1], Is.EqualTo(UserModeSystemRegisters.CacheType));
            Assert.That(s.X[2], Is.EqualTo(UserModeSystemRegisters.ZeroBlockId));
            Assert.That(s.X[3], Is.EqualTo(UserModeSystemRegisters.CounterFrequency));
            Assert.That(s.X[4], Is.Not.Zero);
            Assert.That(s.X[16], Is.GreaterThanOrEqualTo(s.X[4]));
            Assert.That(s.X[5], Is.EqualTo(ids.Midr));
            Assert.That(s.X[6], Is.EqualTo(0x8000_0000UL));
            Assert.That(s.X[7], Is.Zero);
            Assert.That(s.X[8], Is.EqualTo(ids.IdAa64Isar0));
            Assert.That(s.X[9], Is.EqualTo(ids.IdAa64Isar1));
            Assert.That(s.X[10], Is.EqualTo(ids.IdAa64Pfr0));
            Assert.That(s.X[11], Is.EqualTo(ids.IdAa64Pfr1));
            Assert.That(s.X[12], Is.EqualTo(ids.IdAa64Mmfr0));
            Assert.That(s.X[13], Is.Zero);
            Assert.That(s.X[14], Is.Zero);
        });
    }

    [Test(Description = "the ID registers advertise only what is implemented: CRC32, LSE, FlagM2, DPB, LRCPC, SB; no PAuth, no BTI")]
    public void AdvertisedFeatures()
    {
        var ids = IdRegisters.Default;
        // hwcap.h bit numbers: fp asimd aes pmull sha1 sha2 crc32 atomics fphp asimdhp cpuid asimdrdm jscvt fcma
        // lrcpc dcpop sha3 asimddp sha512 asimdfhm ilrcpc flagm sb; not sm3 (18), sm4 (19), sve (22), dit (24),
        // uscat (25), ssbs (28), paca (30), pacg (31).
        int[] bits = [0, 1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 20, 21, 23, 26, 27, 29];
        Assert.That(ids.Hwcap, Is.EqualTo(bits.Aggregate(0UL, (h, b) => h | (1UL << b))));
        Assert.That(ids.Hwcap2, Is.EqualTo((1UL << 7) | (1UL << 8))); // FLAGM2, FRINT
        Assert.That((ids.IdAa64Isar1 >> 4) & 0xFF, Is.Zero, "APA/API: no PAuth");
        Assert.That(ids.IdAa64Pfr1 & 0xF, Is.Zero, "BT: no BTI");
    }

    [Test(Description = "dc zva zeroes the 64-byte block around the address")]
    public void DcZva()
    {
        using var r = new AsmRunner();
        r.Memory.Poke(AsmRunner.DataBase, Enumerable.Repeat((byte)0xAA, 256).ToArray());
        var exit = r.Run("add x1, x28, #0x47\ndc zva, x1\nbrk #0");
        Assert.That(exit.Exception, Is.EqualTo(ExceptionKind.Breakpoint));
        var bytes = new byte[256];
        r.Memory.ReadBytes(AsmRunner.DataBase, bytes);
        Assert.That(bytes[..64].All(b => b == 0xAA) && bytes[64..128].All(b => b == 0) && bytes[128..].All(b => b == 0xAA));
    }

    [Test(Description = "dc cvau/cvac/civac/cvap and ic ivau reach the runtime's cache-maintenance hook with their addresses")]
    public void CacheMaintenance()
    {
        using var r = new AsmRunner();
        var seen = new List<(uint, ulong)>();
        r.Context.CacheMaintenanceRequested += (e, a) => seen.Add((e, a));
        r.Run("mov x1, #0x1000\ndc cvau, x1\nic ivau, x1\ndc civac, x28\ndc cvac, x28\ndc cvap, x28\nbrk #0");
        Assert.That(seen, Is.EqualTo(new[]
        {
            (SysRegEncoding.Pack(1, 3, 7, 11, 1), 0x1000UL),
            (SysRegEncoding.Pack(1, 3, 7, 5, 1), 0x1000UL),
            (SysRegEncoding.Pack(1, 3, 7, 14, 1), AsmRunner.DataBase),
            (SysRegEncoding.Pack(1, 3, 7, 10, 1), AsmRunner.DataBase),
            (SysRegEncoding.Pack(1, 3, 7, 12, 1), AsmRunner.DataBase),
        }));
    }

    [TestCase("mrs x0, currentel", Description = "EL1 register")]
    [TestCase("mrs x0, sctlr_el1", Description = "EL1 register")]
    [TestCase("mrs x0, daif", Description = "SCTLR_EL1.UMA is clear under Linux")]
    [TestCase("msr daifset, #2", Description = "SCTLR_EL1.UMA is clear under Linux")]
    [TestCase("msr daifclr, #2", Description = "SCTLR_EL1.UMA is clear under Linux")]
    [TestCase("msr pan, #1", Description = "EL1 PSTATE field")]
    [TestCase("msr uao, #1", Description = "EL1 PSTATE field")]
    [TestCase("msr spsel, #1", Description = "EL1 PSTATE field")]
    [TestCase("msr dit, #1", Description = "FEAT_DIT is not advertised")]
    [TestCase("msr ssbs, #1", Description = "FEAT_SSBS is not advertised")]
    [TestCase("mrs x0, s3_0_c0_c1_0", Description = "ID_PFR0_EL1: CRm 1 is not emulated by Linux")]
    [TestCase("mrs x0, s3_0_c0_c0_1", Description = "CRm 0 other than MIDR/MPIDR/REVIDR")]
    [TestCase("msr tpidrro_el0, x0", Description = "read-only at EL0")]
    [TestCase("tlbi vmalle1", Description = "EL1 system instruction")]
    [TestCase("dc ivac, x28", Description = "EL1 cache maintenance")]
    [TestCase("at s1e1r, x0", Description = "EL1 address translation")]
    [TestCase("sysl x0, #3, c7, c5, #1", Description = "no SYSL exists at EL0")]
    public void UndefinedAtEl0(string asm)
    {
        using var r = new AsmRunner();
        var exit = r.Run(asm + "\nbrk #0");
        Assert.That((exit.Reason, exit.Fault?.Kind, exit.Pc), Is.EqualTo((ExitReason.Fault, (GuestFaultKind?)GuestFaultKind.Undefined, AsmRunner.CodeBase)));
    }

    [TestCase(".inst 0xd503309f", Description = "barrier op2 = 100 with a free CRm is DSB; 000 is unallocated")]
    [TestCase(".inst 0xd503301f", Description = "barrier op2 = 000")]
    [TestCase(".inst 0xd503409f", Description = "MSR TCO, #0 (MTE not implemented)")]
    [TestCase(".inst 0xd50040ff", Description = "MSR (immediate) with an unassigned op1:op2")]
    public void UnallocatedSystem(string asm)
    {
        using var r = new AsmRunner();
        var exit = r.Run(asm + "\nbrk #0");
        bool dsb = asm.EndsWith("309f");
        if (dsb)
            Assert.That(exit.Exception, Is.EqualTo(ExceptionKind.Breakpoint));
        else
            Assert.That((exit.Exception, exit.Pc), Is.EqualTo((ExceptionKind.Undefined, AsmRunner.CodeBase)));
    }
}
