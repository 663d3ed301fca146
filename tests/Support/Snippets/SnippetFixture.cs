using NUnit.Framework;

namespace A64Jit.Tests.Support.Snippets;

/// <summary>
/// Base of the fixtures that compare snippets under qemu-aarch64 and under our lifter + interpreter.
/// The reference values are recorded by running qemu when the fixture starts (it needs the cross tools).
/// </summary>
public abstract class SnippetFixture
{
    Dictionary<string, MachineState>? expected;

    protected abstract IReadOnlyList<SnippetCase> AllCases { get; }

    [OneTimeSetUp]
    public void RecordReference()
    {
        A64Jit.Tests.Support.CrossTools.Require(A64Jit.Tests.Support.CrossTools.Gcc, A64Jit.Tests.Support.CrossTools.Qemu);
        expected = QemuOracle.RunOnQemu(AllCases);
    }

    protected void Check(SnippetCase c)
    {
        var ours = QemuOracle.RunOnInterpreter(c);
        var diffs = ours.Differences(expected![c.Name]).ToList();
        Assert.That(diffs, Is.Empty, $"{c.Name} ({c.Asm}): ours vs qemu");
    }

    static int Seed(string name) => name.Aggregate(17, (h, ch) => h * 31 + ch);

    public static SnippetCase Case(string name, string asm, Action<MachineState>? setup = null)
    {
        var s = MachineState.Default(Seed(name));
        setup?.Invoke(s);
        return new SnippetCase(name, asm, s);
    }

    public static UInt128 D(double v) => (ulong)BitConverter.DoubleToInt64Bits(v);
    public static UInt128 S(float v) => (uint)BitConverter.SingleToInt32Bits(v);
    public static UInt128 Pair(ulong hi, ulong lo) => new(hi, lo);
    public static UInt128 S4(float a, float b, float c, float d) =>
        new(((ulong)(uint)BitConverter.SingleToInt32Bits(d) << 32) | (uint)BitConverter.SingleToInt32Bits(c),
            ((ulong)(uint)BitConverter.SingleToInt32Bits(b) << 32) | (uint)BitConverter.SingleToInt32Bits(a));
    public static UInt128 D2(double lo, double hi) => new((ulong)BitConverter.DoubleToInt64Bits(hi), (ulong)BitConverter.DoubleToInt64Bits(lo));

    public const ulong SNaN64 = 0x7FF0_0000_0000_0001, QNaN64 = 0xFFF8_0000_0000_0BAD, SNaN32 = 0x7F80_0ABC;
    public const uint FpcrDN = 1u << 25, FpcrFZ = 1u << 24, FpcrRP = 1u << 22, FpcrRM = 2u << 22, FpcrRZ = 3u << 22, FpcrFZ16 = 1u << 19;
}
