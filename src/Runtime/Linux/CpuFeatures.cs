using A64Jit.Frontend.Decoding;
using A64Jit.Frontend.Lifting;

namespace A64Jit.Runtime.Linux;

/// <summary>
/// The optional architecture features and their AT_HWCAP/AT_HWCAP2 bits (arch/arm64/include/uapi/asm/hwcap.h).
/// A feature is advertised only when every instruction that defines it is lifted, so the HWCAPs
/// and ID registers list exactly what is implemented.
/// </summary>
public sealed record CpuFeatures(ulong HwCap, ulong HwCap2, IReadOnlyList<string> Names)
{
    /// <summary>A feature: its name, HWCAP bit (or HWCAP2 bit when Hwcap2 is set), and defining table lines.</summary>
    public sealed record Feature(string Name, int Bit, bool Hwcap2, string[] Instructions);

    public static readonly Feature[] Known =
    [
        // FP and AdvSIMD are the Armv8-A Linux baseline: glibc and the kernel assume them.
        new("fp", 0, false, []),
        new("asimd", 1, false, []),
        new("aes", 3, false, ["AESE", "AESD", "AESMC", "AESIMC"]),
        new("pmull", 4, false, ["PMULL"]),
        new("sha1", 5, false, ["SHA1C", "SHA1H", "SHA1M", "SHA1P", "SHA1SU0", "SHA1SU1"]),
        new("sha2", 6, false, ["SHA256H", "SHA256H2", "SHA256SU0", "SHA256SU1"]),
        new("crc32", 7, false, ["CRC32", "CRC32C"]),
        new("atomics", 8, false, ["LDADD", "CAS", "SWP"]),
        // Linux emulates MRS of the ID registers for EL0.
        new("cpuid", 11, false, ["MRS"]),
        new("lrcpc", 15, false, ["LDAPR"]),
        new("sha3", 17, false, ["EOR3", "RAX1", "XAR", "BCAX"]),
        new("asimddp", 20, false, ["UDOT_vector", "SDOT_vector"]),
        new("sha512", 21, false, ["SHA512H", "SHA512H2", "SHA512SU0", "SHA512SU1"]),
        new("flagm", 27, false, ["CFINV", "RMIF", "SETF8"]),
    ];

    public static CpuFeatures Implemented { get; } = Compute();

    static CpuFeatures Compute()
    {
        var lifted = DecodeTable.All.Where(HandlerTable.IsLifted).Select(e => e.Name).ToHashSet();
        ulong hw = 0, hw2 = 0;
        var names = new List<string>();
        foreach (var f in Known)
        {
            // A name stands for every table line that starts with it (LDADD covers LDADD_32, LDADDA_64...).
            bool ok = f.Instructions.All(i => lifted.Any(l => l == i || l.StartsWith(i + "_", StringComparison.Ordinal)));
            if (!ok)
                continue;
            names.Add(f.Name);
            if (f.Hwcap2)
                hw2 |= 1UL << f.Bit;
            else
                hw |= 1UL << f.Bit;
        }
        return new CpuFeatures(hw, hw2, names);
    }
}
