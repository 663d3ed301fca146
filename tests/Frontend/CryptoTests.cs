using A64Jit.Tests.Support.Snippets;
using NUnit.Framework;

namespace A64Jit.Tests.Frontend;

/// <summary>Lift/Crypto.cs against qemu-aarch64 on varied register contents.</summary>
[TestFixture]
public class CryptoTests : SnippetFixture
{
    public static readonly SnippetCase[] Cases =
    [
        Case("aes", "aese v0.16b, v1.16b\naesmc v2.16b, v0.16b\naesd v3.16b, v4.16b\naesimc v5.16b, v3.16b"),
        Case("sha1", "sha1c q0, s1, v2.4s\nsha1p q3, s4, v5.4s\nsha1m q6, s7, v8.4s\nsha1h s9, s10\nsha1su0 v11.4s, v12.4s, v13.4s\nsha1su1 v14.4s, v15.4s"),
        Case("sha256", "sha256h q0, q1, v2.4s\nsha256h2 q3, q4, v5.4s\nsha256su0 v6.4s, v7.4s\nsha256su1 v8.4s, v9.4s, v10.4s"),
        Case("sha512", "sha512h q0, q1, v2.2d\nsha512h2 q3, q4, v5.2d\nsha512su0 v6.2d, v7.2d\nsha512su1 v8.2d, v9.2d, v10.2d"),
        Case("sha3", "eor3 v0.16b, v1.16b, v2.16b, v3.16b\nbcax v4.16b, v5.16b, v6.16b, v7.16b\nrax1 v8.2d, v9.2d, v10.2d\nxar v11.2d, v12.2d, v13.2d, #17"),
    ];

    protected override IReadOnlyList<SnippetCase> AllCases => Cases;

    [TestCaseSource(nameof(Cases))]
    public void MatchesQemu(SnippetCase c) => Check(c);
}
