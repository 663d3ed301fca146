using A64Jit.Runtime.Machine;
using A64Jit.Runtime.Machine.Devices;

namespace A64Jit.Tests.Machine;

/// <summary>The PL011 console (Arm DDI 0183) and the PSCI firmware calls (Arm DEN0022).</summary>
[TestFixture]
public class Pl011AndPsciTests
{
    [Test]
    public void UartSendsReceivesAndInterrupts()
    {
        var sent = new List<byte>();
        var levels = new List<bool>();
        var uart = new Pl011(sent.Add, levels.Add);
        Assert.That(uart.Read(0x018, 4), Is.EqualTo(0x90), "FR: TXFE and RXFE");
        uart.Write(0x038, 4, 1 << 4);                      // IMSC: RXIM
        uart.Write(0x000, 4, 'A');
        Assert.That(sent, Is.EqualTo(new[] { (byte)'A' }));
        Assert.That(levels, Is.Empty, "TX interrupt is masked");
        uart.EnqueueInput((byte)'z');
        Assert.That(levels, Is.EqualTo(new[] { true }));
        Assert.That(uart.Read(0x018, 4) & 0x10, Is.Zero, "RXFE clear");
        Assert.That(uart.Read(0x000, 4), Is.EqualTo('z'));
        Assert.That(levels, Is.EqualTo(new[] { true, false }));
        var ids = Enumerable.Range(0, 8).Select(i => uart.Read(0xFE0 + (ulong)i * 4, 4)).ToArray();
        Assert.That(ids, Is.EqualTo(new ulong[] { 0x11, 0x10, 0x14, 0x00, 0x0D, 0xF0, 0x05, 0xB1 }));
    }

    [Test]
    public void PsciCalls()
    {
        const ulong mpidr = 0x8000_0000;
        Assert.That(Psci.Call(0x8400_0000, 0, mpidr), Is.EqualTo((0x1_0000UL, Psci.Action.None)));
        Assert.That(Psci.Call(0x8000_0000, 0, mpidr).X0, Is.EqualTo(ulong.MaxValue), "SMCCC_VERSION: NOT_SUPPORTED, i.e. SMCCC 1.0");
        Assert.That(Psci.Call(0x8400_000A, 0xC400_0003, mpidr).X0, Is.Zero, "CPU_ON is implemented");
        Assert.That(Psci.Call(0x8400_000A, 0x8400_0012, mpidr).X0, Is.EqualTo(ulong.MaxValue), "an unknown id: NOT_SUPPORTED");
        Assert.That(Psci.Call(0xC400_0003, 0, mpidr).X0, Is.EqualTo(unchecked((ulong)-4L)), "CPU_ON of the running CPU: ALREADY_ON");
        Assert.That(Psci.Call(0xC400_0003, 1, mpidr).X0, Is.EqualTo(unchecked((ulong)-2L)), "CPU_ON of a missing CPU: INVALID_PARAMETERS");
        Assert.That(Psci.Call(0x8400_0006, 0, mpidr).X0, Is.EqualTo(2UL));
        Assert.That(Psci.Call(0x8400_0008, 0, mpidr).Action, Is.EqualTo(Psci.Action.PowerOff));
        Assert.That(Psci.Call(0x8400_0009, 0, mpidr).Action, Is.EqualTo(Psci.Action.Reset));
        Assert.That(Psci.Call(0x1234, 0, mpidr).X0, Is.EqualTo(ulong.MaxValue));
    }
}
