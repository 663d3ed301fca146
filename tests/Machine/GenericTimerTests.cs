using A64Jit.Hypervisor.Timers;
using A64Jit.IR;

namespace A64Jit.Tests.Machine;

/// <summary>The generic timer against el2.md 8.1 and cases 36 and 39, on a counter the test moves.</summary>
[TestFixture]
public class GenericTimerTests
{
    sealed class FakeCounter : ICounter
    {
        public ulong Ticks { get; set; }
    }

    static uint E(uint op1, uint crm, uint op2) => SysRegEncoding.Pack(3, op1, 14, crm, op2);
    static readonly uint Cntpct = E(3, 0, 1), Cntvct = E(3, 0, 2), CntvTval = E(3, 3, 0), CntvCtl = E(3, 3, 1), CntvCval = E(3, 3, 2),
        Cntvoff = E(4, 0, 3), Cntfrq = E(3, 0, 0);

    static ulong Read(GenericTimer t, uint e)
    {
        Assert.That(t.TryRead(e, out ulong v), Is.True);
        return v;
    }

    [Test]
    public void VirtualCountSubtractsTheOffset_Case36()
    {
        var counter = new FakeCounter { Ticks = 0x10_0000 };
        bool ignored = false;
        var timer = new GenericTimer(counter, () => ignored);
        timer.TryWrite(Cntvoff, 0x1000);
        Assert.That(Read(timer, Cntvct), Is.EqualTo(Read(timer, Cntpct) - 0x1000));
        ignored = true; // EL2 with E2H=1
        Assert.That(Read(timer, Cntvct), Is.EqualTo(Read(timer, Cntpct)));
        Assert.That(Read(timer, Cntfrq), Is.EqualTo(62_500_000));
    }

    [Test]
    public void TimerFiresMasksAndReadsTvalSigned_Case39()
    {
        var counter = new FakeCounter { Ticks = 1000 };
        var timer = new GenericTimer(counter, () => false);
        var levels = new List<(int, bool)>();
        timer.Output = (intid, level) => levels.Add((intid, level));
        timer.TryWrite(CntvCval, 1500);
        timer.TryWrite(CntvCtl, 1);                      // ENABLE, IMASK clear
        Assert.That(Read(timer, CntvCtl), Is.EqualTo(1), "not yet: ISTATUS clear");
        Assert.That(Read(timer, CntvTval), Is.EqualTo(500));
        Assert.That(timer.NextDeadline(), Is.EqualTo(1500));
        counter.Ticks = 1600;
        timer.Update();
        Assert.That(Read(timer, CntvCtl), Is.EqualTo(5), "ISTATUS set");
        Assert.That(levels, Is.EqualTo(new[] { (27, true) }));
        Assert.That(Read(timer, CntvTval), Is.EqualTo(0xFFFF_FF9CUL), "CVAL - count as a signed 32-bit value (bits 63..32 RES0)");
        timer.TryWrite(CntvCtl, 3);                      // IMASK
        Assert.That(levels[^1], Is.EqualTo((27, false)));
        timer.TryWrite(CntvCtl, 1);
        timer.TryWrite(CntvTval, 50);                    // CVAL = count + 50: later, so the output drops
        Assert.That(Read(timer, CntvCval), Is.EqualTo(1650));
        Assert.That(levels[^1], Is.EqualTo((27, false)));
    }
}
