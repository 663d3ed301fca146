using A64Jit.Tests.Support.Snippets;
using NUnit.Framework;

namespace A64Jit.Tests.Frontend;

/// <summary>Lifted behaviour where qemu 7.2 deviates from the Arm ARM; expected values worked from the pseudocode.</summary>
[TestFixture]
public class SimdArchitecturalTests
{
    [Test]
    public void FcvtzsHalfScalarFixedWritesSixteenBits()
    {
        // fcvtzs h2, h1, #3 of -3.375 (0xC2C0): -27 as a 16-bit element, the rest of V2 zeroed.
        var s = MachineState.Default(1);
        s.V[1] = 0xC2C0UL;
        var c = new SnippetCase("fcvtzs_h_fixed", "fcvtzs h2, h1, #3", s);
        var after = QemuOracle.RunOnInterpreter(c, [0x5F1DFC22]);
        Assert.That(after.V[2], Is.EqualTo((UInt128)0xFFE5UL));
    }

    [Test]
    public void FjcvtzsFlushedDenormalClearsZ()
    {
        var s = MachineState.Default(2);
        s.V[1] = 1UL;
        s.Fpcr = SnippetFixture.FpcrFZ;
        s.Nzcv = 0xF000_0000;
        var after = QemuOracle.RunOnInterpreter(new SnippetCase("fjcvtzs_fz", "fjcvtzs w0, d1", s), [0x1E7E0020]);
        Assert.Multiple(() =>
        {
            Assert.That(after.X[0], Is.Zero);
            Assert.That(after.Nzcv, Is.Zero);
            Assert.That(after.Fpsr, Is.EqualTo(0x80u));
        });
    }
}
