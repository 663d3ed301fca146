using System.Buffers.Binary;
using A64Jit.Runtime.Machine.DeviceTree;
using A64Jit.Tests.Support;

namespace A64Jit.Tests.Machine;

/// <summary>The generated device tree: the blob's structure, and its content as dtc decompiles it.</summary>
[TestFixture]
public class DeviceTreeTests
{
    static byte[] Blob(bool el2) => VirtDeviceTree.Build(new VirtDeviceTree.Options(0x4000_0000, 512UL << 20, 1, el2, "console=ttyAMA0", 0x4800_0000, 0x4810_0000));

    [Test]
    public void HeaderIsAVersion17Blob()
    {
        var b = Blob(false);
        Assert.That(BinaryPrimitives.ReadUInt32BigEndian(b), Is.EqualTo(0xD00D_FEED));
        Assert.That(BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(4)), Is.EqualTo((uint)b.Length));
        Assert.That(BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(20)), Is.EqualTo(17));
        Assert.That(BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(8)) % 4, Is.Zero, "structure block aligned");
    }

    [TestCase(false, "hvc")]
    [TestCase(true, "smc")]
    public void DtcReadsTheMachine(bool el2, string method)
    {
        CrossTools.Require("dtc");
        var path = Path.Combine(Path.GetTempPath(), $"a64jit-dt-{Guid.NewGuid():N}.dtb");
        File.WriteAllBytes(path, Blob(el2));
        try
        {
            var (code, dts, stderr) = CrossTools.Run("dtc", ["-I", "dtb", "-O", "dts", path]);
            Assert.That(code, Is.Zero, stderr);
            Assert.That(dts, Does.Contain("memory@40000000"));
            Assert.That(dts, Does.Contain("reg = <0x00 0x40000000 0x00 0x20000000>;"));
            Assert.That(dts, Does.Contain($"method = \"{method}\";"));
            Assert.That(dts, Does.Contain("compatible = \"arm,gic-v3\";"));
            Assert.That(dts, Does.Contain("reg = <0x00 0x8000000 0x00 0x10000 0x00 0x80a0000 0x00 0x20000>;"));
            // dtc prints a string list as "a", "b" or, in some versions, as "a\0b".
            Assert.That(dts, Does.Contain("compatible = \"arm,pl011\", \"arm,primecell\";").Or.Contain("compatible = \"arm,pl011\\0arm,primecell\";"));
            Assert.That(dts, Does.Contain("interrupts = <0x00 0x01 0x04>;"));
            Assert.That(dts, Does.Contain("bootargs = \"console=ttyAMA0\";"));
            Assert.That(dts, Does.Contain("linux,initrd-start = <0x00 0x48000000>;"));
            Assert.That(dts, Does.Contain("compatible = \"arm,armv8-timer\", \"arm,armv7-timer\";").Or.Contain("compatible = \"arm,armv8-timer\\0arm,armv7-timer\";"));
            Assert.That(dts, Does.Contain("interrupts = <0x01 0x0d 0x104 0x01 0x0e 0x104 0x01 0x0b 0x104 0x01 0x0a 0x104>;"));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
