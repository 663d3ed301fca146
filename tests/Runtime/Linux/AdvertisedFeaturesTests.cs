using A64Jit.Frontend.Decoding;
using A64Jit.Frontend.Lifting;
using A64Jit.Runtime.Linux;

namespace A64Jit.Tests.Runtime.Linux;

/// <summary>
/// AT_HWCAP/AT_HWCAP2 (derived from the ID registers) must list exactly what is implemented:
/// every advertised feature's defining instructions are lifted, and every feature whose
/// instructions are all lifted is advertised.
/// </summary>
[TestFixture]
public class AdvertisedFeaturesTests
{
    /// <summary>HWCAP bit (hwcap.h), or HWCAP2 bit + 64, and the table lines that define the feature (name prefixes).</summary>
    static readonly (string Name, int Bit, string[] Lines)[] Features =
    [
        ("aes", 3, ["AESE", "AESD", "AESMC", "AESIMC"]),
        ("pmull", 4, ["PMULL"]),
        ("sha1", 5, ["SHA1C", "SHA1H", "SHA1M", "SHA1P", "SHA1SU0", "SHA1SU1"]),
        ("sha2", 6, ["SHA256H", "SHA256H2", "SHA256SU0", "SHA256SU1"]),
        ("crc32", 7, ["CRC32B", "CRC32CX"]),
        ("atomics", 8, ["LDADD", "CAS", "SWP"]),
        ("asimdrdm", 12, ["SQRDMLAH"]),
        ("jscvt", 13, ["FJCVTZS"]),
        ("fcma", 14, ["FCMLA", "FCADD"]),
        ("lrcpc", 15, ["LDAPR"]),
        ("dcpop", 16, ["SYS"]), // DC CVAP is a SYS encoding
        ("sha3", 17, ["EOR3", "RAX1", "XAR", "BCAX"]),
        ("asimddp", 20, ["UDOT", "SDOT"]),
        ("sha512", 21, ["SHA512H", "SHA512H2", "SHA512SU0", "SHA512SU1"]),
        ("asimdfhm", 23, ["FMLAL", "FMLSL"]),
        ("ilrcpc", 26, ["LDAPUR"]),
        ("flagm", 27, ["CFINV", "RMIF", "SETF8"]),
        ("sb", 29, ["SB"]),
        ("flagm2", 64 + 7, ["AXFLAG", "XAFLAG"]),
        ("frint", 64 + 8, ["FRINT32X", "FRINT64Z"]),
    ];

    static bool Lifted(string prefix) =>
        DecodeTable.All.Any(e => (e.Name == prefix || e.Name.StartsWith(prefix + "_", StringComparison.Ordinal)) && HandlerTable.IsLifted(e));

    static bool Advertised(int bit) =>
        bit < 64 ? (IdRegisters.Default.Hwcap & (1UL << bit)) != 0 : (IdRegisters.Default.Hwcap2 & (1UL << (bit - 64))) != 0;

    [Test]
    public void AdvertisedFeaturesAreLifted()
    {
        var problems = Features.Where(f => Advertised(f.Bit) && !f.Lines.All(Lifted))
            .Select(f => $"{f.Name} is advertised but {string.Join(", ", f.Lines.Where(l => !Lifted(l)))} not lifted").ToList();
        Assert.That(problems, Is.Empty);
    }

    [Test]
    public void FeaturesWhoseInstructionsAreAllLiftedAreAdvertised()
    {
        var problems = Features.Where(f => !Advertised(f.Bit) && f.Lines.All(Lifted))
            .Select(f => $"{f.Name}: all of {string.Join(", ", f.Lines)} are lifted but it is not advertised").ToList();
        TestContext.Out.WriteLine($"HWCAP 0x{IdRegisters.Default.Hwcap:x}, HWCAP2 0x{IdRegisters.Default.Hwcap2:x}");
        Assert.That(problems, Is.Empty);
    }

    [Test]
    public void FpAndAdvancedSimdAreAlwaysAdvertised() =>
        Assert.That(IdRegisters.Default.Hwcap & 3, Is.EqualTo(3UL), "fp and asimd are the Armv8-A Linux baseline");
}
