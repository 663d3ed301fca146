using A64Jit.Hypervisor.Mmu;

namespace A64Jit.Tests.Hypervisor.Mmu;

/// <summary>The DFSC/IFSC table of el2.md 6.7, and PAR_EL1's fault and success formats of el2.md 6.3.</summary>
[TestFixture]
public class FaultStatusTests
{
    [TestCase(FaultKind.AddressSize, -1, 0x29)]
    [TestCase(FaultKind.AddressSize, 0, 0x00)]
    [TestCase(FaultKind.AddressSize, 3, 0x03)]
    [TestCase(FaultKind.Translation, -1, 0x2B)]
    [TestCase(FaultKind.Translation, 0, 0x04)]
    [TestCase(FaultKind.Translation, 1, 0x05)]
    [TestCase(FaultKind.Translation, 2, 0x06)]
    [TestCase(FaultKind.Translation, 3, 0x07)]
    [TestCase(FaultKind.AccessFlag, 0, 0x08)]
    [TestCase(FaultKind.AccessFlag, 1, 0x09)]
    [TestCase(FaultKind.AccessFlag, 3, 0x0B)]
    [TestCase(FaultKind.Permission, 1, 0x0D)]
    [TestCase(FaultKind.Permission, 3, 0x0F)]
    [TestCase(FaultKind.SynchronousExternalOnWalk, -1, 0x13)]
    [TestCase(FaultKind.SynchronousExternalOnWalk, 0, 0x14)]
    [TestCase(FaultKind.SynchronousExternalOnWalk, 3, 0x17)]
    [TestCase(FaultKind.None, 0, 0x00)]
    public void Code(FaultKind kind, int level, int code) =>
        Assert.That(FaultStatus.Code(new TranslationFault(kind, level)), Is.EqualTo((byte)code));

    [Test(Description = "access flag and permission faults have no level -1")]
    public void NoLevelMinusOneForAccessFlagOrPermission()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FaultStatus.Code(new TranslationFault(FaultKind.AccessFlag, -1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => FaultStatus.Code(new TranslationFault(FaultKind.Permission, 4)));
    }

    [Test(Description = "PAR fault format: F=1, FST in [6:1], PTW bit 8, S bit 9, bit 11 RES1 (el2.md 6.3's examples)")]
    public void ParFaultFormat()
    {
        static ulong ParOf(TranslationFault f) => Par.FromResult(TranslationResult.Failed(0x1234, f));
        Assert.That(ParOf(new(FaultKind.Translation, 3)), Is.EqualTo(0x80FUL));
        Assert.That(ParOf(new(FaultKind.AccessFlag, 3)), Is.EqualTo(0x817UL));
        Assert.That(ParOf(new(FaultKind.Permission, 3)), Is.EqualTo(0x81FUL));
        Assert.That(ParOf(new(FaultKind.Translation, 3, Stage2: true, Ipa: 0x5000)), Is.EqualTo(0xA0FUL));
        Assert.That(ParOf(new(FaultKind.Translation, 2, Stage2: true, S1Ptw: true, Ipa: 0x5000)), Is.EqualTo(0xB0DUL));
        Assert.That(ParOf(new(FaultKind.AddressSize, 0)), Is.EqualTo(0x801UL));
    }

    [Test(Description = "HPFAR_EL2.FIPA[43:4] = IPA[51:12]; nothing for a stage-1 fault")]
    public void HpfarFromFault()
    {
        Assert.That(Hpfar.FromFault(new TranslationFault(FaultKind.Translation, 3, Stage2: true, Ipa: 0xFFFF_FFFF_FABC)),
            Is.EqualTo(0xFF_FFFF_FFF0UL));
        Assert.That(Hpfar.FromFault(new TranslationFault(FaultKind.Translation, 3, Ipa: 0x5000)), Is.Zero);
    }
}
