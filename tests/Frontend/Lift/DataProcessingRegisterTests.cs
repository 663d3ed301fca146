using A64Jit.Tests.Support;

namespace A64Jit.Tests.Frontend.Lift;

/// <summary>
/// Data Processing -- Register, checked against qemu-aarch64 (QemuOracle) on boundary values:
/// 0, 1, -1, INT32_MIN/MAX, INT64_MIN/MAX and mixed patterns, shift amounts 0/1/31/32/63/64,
/// every condition code under several NZCV values.
/// </summary>
[TestFixture]
public class DataProcessingRegisterTests
{
    static readonly ulong[] Values =
    [
        0, 1, ulong.MaxValue, 0x8000_0000, 0x7FFF_FFFF, 0x8000_0000_0000_0000, 0x7FFF_FFFF_FFFF_FFFF,
        0xFFFF_FFFF, 0x1234_5678_9ABC_DEF0,
    ];

    static readonly ulong[] FewValues = [0, 1, ulong.MaxValue, 0x8000_0000, 0x7FFF_FFFF, 0x8000_0000_0000_0000, 0x1234_5678_9ABC_DEF0];

    static IEnumerable<(ulong A, ulong B)> Pairs(ulong[] values) =>
        from a in values from b in values select (a, b);

    /// <summary>NZCV inputs: none, each flag alone, and the combinations that split the signed conditions.</summary>
    static readonly uint[] FlagInputs = [0x0, 0x8, 0x4, 0x2, 0x1, 0x9, 0x6, 0xA, 0xF];

    static readonly string[] Conditions = ["eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le", "al", "nv"];

    [Test(Description = "and/bic/orr/orn/eor/eon/ands/bics Xd, Xn, Xm, <shift> #amount; W forms")]
    public void LogicalShiftedRegister()
    {
        var b = new OracleBatch();
        string[] ops = ["and", "bic", "orr", "orn", "eor", "eon", "ands", "bics"];
        (string Shift, int Amount)[] shifts = [("lsl", 0), ("lsl", 1), ("lsr", 31), ("asr", 31), ("ror", 1), ("lsl", 63), ("asr", 63), ("ror", 32)];
        int k = 0;
        foreach (var op in ops)
            foreach (var (shift, amount) in shifts)
            {
                var (x1, x2) = Pairs(FewValues).ElementAt(k++ * 7 % 49);
                bool flags = op.EndsWith('s');
                b.Case($"{op} {{d}}, x1, x2, {shift} #{amount}", x1: x1, x2: x2, flags: flags);
                if (amount < 32)
                    b.Case($"{op} {{w}}, w1, w2, {shift} #{amount}", x1: x2, x2: x1, flags: flags);
            }
        // tst and mvn aliases, and the zero register as an operand.
        b.Case("tst x1, x2", x1: 0x8000_0000_0000_0000, x2: ulong.MaxValue, flags: true);
        b.Case("tst w1, w2", x1: 0x1_0000_0000, x2: ulong.MaxValue, flags: true);
        b.Case("mvn {d}, x1, lsr #4", x1: 0xF0);
        b.Case("orr {w}, wzr, w1", x1: ulong.MaxValue);
        b.Flush();
    }

    [Test(Description = "add/adds/sub/subs (shifted register), cmp/cmn/neg/negs; flags like AddWithCarry()")]
    public void AddSubShiftedRegister()
    {
        var b = new OracleBatch();
        foreach (var (x1, x2) in Pairs(FewValues))
        {
            b.Case("adds {d}, x1, x2", x1: x1, x2: x2, flags: true);
            b.Case("subs {d}, x1, x2", x1: x1, x2: x2, flags: true);
            b.Case("adds {w}, w1, w2", x1: x1, x2: x2, flags: true);
            b.Case("subs {w}, w1, w2", x1: x1, x2: x2, flags: true);
        }
        foreach (var (shift, amount) in new[] { ("lsl", 1), ("lsr", 31), ("asr", 31), ("asr", 63), ("lsl", 63), ("lsr", 32) })
        {
            b.Case($"add {{d}}, x1, x2, {shift} #{amount}", x1: 0x1234_5678_9ABC_DEF0, x2: 0x8000_0000_0000_0001);
            b.Case($"sub {{d}}, x1, x2, {shift} #{amount}", x1: 1, x2: ulong.MaxValue);
            b.Case($"subs {{d}}, x1, x2, {shift} #{amount}", x1: 0, x2: 0x8000_0000_0000_0000, flags: true);
            if (amount < 32)
                b.Case($"adds {{w}}, w1, w2, {shift} #{amount}", x1: 0x7FFF_FFFF, x2: 0x8000_0001, flags: true);
        }
        b.Case("cmp x1, x2", x1: 5, x2: 5, flags: true);
        b.Case("cmn w1, w2", x1: 0xFFFF_FFFF, x2: 1, flags: true);
        b.Case("neg {d}, x1", x1: 0x8000_0000_0000_0000);
        b.Case("negs {w}, w1", x1: 0x8000_0000, flags: true);
        b.Flush();
    }

    [Test(Description = "add/adds/sub/subs (extended register) with every extend, amounts 0..4, and SP operands")]
    public void AddSubExtendedRegister()
    {
        var b = new OracleBatch();
        string[] extends = ["uxtb", "uxth", "uxtw", "uxtx", "sxtb", "sxth", "sxtw", "sxtx"];
        int k = 0;
        foreach (var ext in extends)
            for (int amount = 0; amount <= 4; amount += 2)
            {
                string m = ext.EndsWith('x') ? "x2" : "w2";
                ulong x2 = FewValues[k++ % FewValues.Length] ^ 0x80;
                b.Case($"add {{d}}, x1, {m}, {ext} #{amount}", x1: 0x1000, x2: x2);
                b.Case($"subs {{d}}, x1, {m}, {ext} #{amount}", x1: 0x8000_0000_0000_0000, x2: x2, flags: true);
                b.Case($"adds {{w}}, w1, w2, {ext} #{amount}", x1: 0x7FFF_FFFF, x2: x2, flags: true);
            }
        // Rn = SP and Rd = SP (the stack pointer is the same address in both runs).
        b.Case("add {d}, sp, w1, uxtw #2", x1: 0xFFFF_FFFF);
        b.Case("sub {d}, sp, x1, sxtx #4", x1: 1);
        b.Case("mov x30, sp\nadd sp, sp, x1, uxtx #4\nmov {d}, sp\nmov sp, x30\nmov x30, #0", x1: 1);
        b.Case("cmp sp, x1", x1: AsmRunner.StackTop, flags: true);
        b.Flush();
    }

    [Test(Description = "adc/adcs/sbc/sbcs/ngc with carry in 0 and 1")]
    public void AddSubWithCarry()
    {
        var b = new OracleBatch();
        foreach (var (x1, x2) in Pairs([0, 1, ulong.MaxValue, 0x8000_0000, 0x7FFF_FFFF, 0x8000_0000_0000_0000, 0x7FFF_FFFF_FFFF_FFFF]))
            foreach (uint c in new uint[] { 0x0, 0x2 })
            {
                if ((x1 + x2 + c) % 3 == 0)
                    continue; // a third of the grid is plenty
                b.Case("adcs {d}, x1, x2", x1: x1, x2: x2, nzcv: c << 28, flags: true);
                b.Case("sbcs {w}, w1, w2", x1: x1, x2: x2, nzcv: c << 28, flags: true);
            }
        b.Case("adc {d}, x1, x2", x1: ulong.MaxValue, x2: 0, nzcv: 0x2000_0000);
        b.Case("sbc {w}, w1, w2", x1: 0, x2: 0, nzcv: 0);
        b.Case("ngc {d}, x1", x1: 5, nzcv: 0);
        b.Case("ngcs {w}, w1", x1: 0, nzcv: 0x2000_0000, flags: true);
        b.Flush();
    }

    [Test(Description = "ccmp/ccmn (register and immediate) under every condition and several NZCV inputs")]
    public void ConditionalCompare()
    {
        var b = new OracleBatch();
        int k = 0;
        foreach (var cond in Conditions)
            foreach (uint f in FlagInputs)
            {
                k++;
                string code = (k % 4) switch
                {
                    0 => $"ccmp x1, x2, #{k % 16}, {cond}",
                    1 => $"ccmn w1, w2, #{k % 16}, {cond}",
                    2 => $"ccmp w1, #31, #{k % 16}, {cond}",
                    _ => $"ccmn x1, #0, #{k % 16}, {cond}",
                };
                var (x1, x2) = Pairs(FewValues).ElementAt(k * 5 % 49);
                b.Case(code + "\nmrs {d}, nzcv", x1: x1, x2: x2, nzcv: f << 28);
            }
        b.Flush();
    }

    [Test(Description = "csel/csinc/csinv/csneg and the cset/csetm/cinc/cneg aliases under every condition")]
    public void ConditionalSelect()
    {
        var b = new OracleBatch();
        string[] ops = ["csel", "csinc", "csinv", "csneg"];
        int k = 0;
        foreach (var cond in Conditions)
            foreach (uint f in FlagInputs)
            {
                var op = ops[k++ % 4];
                string reg = k % 3 == 0 ? "w" : "x";
                string dst = reg == "w" ? "{w}" : "{d}";
                b.Case($"{op} {dst}, {reg}1, {reg}2, {cond}", x1: 0x1234_5678_9ABC_DEF0, x2: k % 2 == 0 ? ulong.MaxValue : 0x8000_0000_7FFF_FFFF, nzcv: f << 28);
            }
        b.Case("cset {d}, hi", nzcv: 0x2000_0000);
        b.Case("csetm {w}, lt", nzcv: 0x8000_0000);
        b.Case("cinc {d}, x1, eq", x1: ulong.MaxValue, nzcv: 0x4000_0000);
        b.Case("cneg {w}, w1, mi", x1: 0x8000_0000, nzcv: 0x8000_0000);
        b.Flush();
    }

    [Test(Description = "madd/msub/mul/mneg, smaddl/smsubl/umaddl/umsubl, smulh/umulh")]
    public void ThreeSource()
    {
        var b = new OracleBatch();
        foreach (var (x1, x2) in Pairs(FewValues).Where((_, i) => i % 2 == 0))
        {
            b.Case("madd {d}, x1, x2, x0", x0: 0x1111, x1: x1, x2: x2);
            b.Case("msub {w}, w1, w2, w0", x0: 0x8000_0000, x1: x1, x2: x2);
            b.Case("smaddl {d}, w1, w2, x0", x0: 0x7FFF_FFFF_FFFF_FFFF, x1: x1, x2: x2);
            b.Case("umsubl {d}, w1, w2, x0", x0: 0, x1: x1, x2: x2);
            b.Case("smulh {d}, x1, x2", x1: x1, x2: x2);
            b.Case("umulh {d}, x1, x2", x1: x1, x2: x2);
        }
        b.Case("smsubl {d}, w1, w2, x0", x0: 5, x1: 0x8000_0000, x2: 0x8000_0000);
        b.Case("umaddl {d}, w1, w2, x0", x0: ulong.MaxValue, x1: 0xFFFF_FFFF, x2: 0xFFFF_FFFF);
        b.Case("mneg {w}, w1, w2", x1: 3, x2: 7);
        b.Case("smull {d}, w1, w2", x1: 0xFFFF_FFFF, x2: 2);
        b.Case("umull {d}, w1, w2", x1: 0xFFFF_FFFF, x2: 2);
        b.Flush();
    }

    [Test(Description = "udiv/sdiv (divide by zero gives 0, INT_MIN / -1 wraps) and lslv/lsrv/asrv/rorv modulo the width")]
    public void TwoSource()
    {
        var b = new OracleBatch();
        foreach (var (x1, x2) in Pairs([0, 1, ulong.MaxValue, 0x8000_0000, 0x7FFF_FFFF, 0x8000_0000_0000_0000, 7]))
        {
            b.Case("udiv {d}, x1, x2", x1: x1, x2: x2);
            b.Case("sdiv {d}, x1, x2", x1: x1, x2: x2);
            b.Case("sdiv {w}, w1, w2", x1: x1, x2: x2);
        }
        b.Case("udiv {w}, w1, w2", x1: 0xFFFF_FFFF, x2: 0x1_0000_0003);
        foreach (ulong amount in new ulong[] { 0, 1, 31, 32, 33, 63, 64, 65, ulong.MaxValue })
        {
            b.Case("lsl {d}, x1, x2", x1: 0x8000_0000_0000_0001, x2: amount);
            b.Case("lsr {w}, w1, w2", x1: 0x8000_0001, x2: amount);
            b.Case("asr {d}, x1, x2", x1: 0x8000_0000_0000_0010, x2: amount);
            b.Case("asrv {w}, w1, w2", x1: 0x8000_0010, x2: amount);
            b.Case("ror {d}, x1, x2", x1: 0x1234_5678_9ABC_DEF0, x2: amount);
            b.Case("rorv {w}, w1, w2", x1: 0x9ABC_DEF0, x2: amount);
            b.Case("lslv {w}, w1, w2", x1: 0xFFFF_FFFF, x2: amount);
            b.Case("lsrv {d}, x1, x2", x1: ulong.MaxValue, x2: amount);
        }
        b.Flush();
    }

    [Test(Description = "crc32b/h/w/x and crc32cb/h/w/x, accumulating through a chain")]
    public void Crc32()
    {
        var b = new OracleBatch();
        foreach (ulong v in new ulong[] { 0, ulong.MaxValue, 0x1234_5678_9ABC_DEF0, 0x8000_0000_0000_0001 })
            foreach (ulong acc in new ulong[] { 0, 0xFFFF_FFFF, 0xFFFF_FFFF_1234_5678 })
            {
                b.Case("crc32b {w}, w1, w2\ncrc32h {w}, {w}, w2\ncrc32w {w}, {w}, w2\ncrc32x {w}, {w}, x2", x1: acc, x2: v);
                b.Case("crc32cb {w}, w1, w2\ncrc32ch {w}, {w}, w2\ncrc32cw {w}, {w}, w2\ncrc32cx {w}, {w}, x2", x1: acc, x2: v);
                b.Case("crc32x {w}, w1, x2", x1: acc, x2: v);
                b.Case("crc32cb {w}, w1, w2", x1: acc, x2: v);
            }
        b.Flush();
    }

    [Test(Description = "rbit/rev16/rev32/rev/clz/cls, X and W forms")]
    public void OneSource()
    {
        var b = new OracleBatch();
        foreach (ulong v in Values.Append(0x0000_0000_0000_FF00UL).Append(0xC000_0000_0000_0000UL).Append(0x4000_0000UL))
        {
            b.Case("rbit {d}, x1\nrbit {e}, x1", x1: v);
            b.Case("rev16 {d}, x1\nrev16 {e}, x1", x1: v);
            b.Case("rev32 {d}, x1\nrev {e}, x1", x1: v);
            b.Case("rev {w}, w1\nclz {e}, x1", x1: v);
            b.Case("clz {w}, w1\ncls {e}, x1", x1: v);
            b.Case("cls {w}, w1\nrbit {e}, x1", x1: v);
        }
        b.Flush();
    }

    [Test(Description = "rmif, setf8, setf16, cfinv, axflag, xaflag (FlagM, FlagM2)")]
    public void FlagManipulation()
    {
        var b = new OracleBatch();
        foreach (uint f in FlagInputs.Concat(new uint[] { 0x3, 0x5, 0x7, 0xC, 0xE }))
        {
            b.Case("cfinv\nmrs {d}, nzcv", nzcv: f << 28);
            b.Case("axflag\nmrs {d}, nzcv", nzcv: f << 28);
            b.Case("xaflag\nmrs {d}, nzcv", nzcv: f << 28);
            b.Case($"rmif x1, #{f * 4 % 64}, #{f}\nmrs {{d}}, nzcv", x1: 0x1234_5678_9ABC_DEF0, nzcv: (~f & 0xF) << 28);
        }
        foreach (ulong v in new ulong[] { 0, 0x80, 0x7F, 0x100, 0x180, 0xFF, 0x8000, 0x7FFF, 0x1_0000, 0x1_8000, 0xFFFF_FFFF, 0x1_0000_0000 })
        {
            b.Case("setf8 w1\nmrs {d}, nzcv", x1: v, nzcv: 0x2000_0000);
            b.Case("setf16 w1\nmrs {d}, nzcv", x1: v, nzcv: 0xD000_0000);
        }
        b.Flush();
    }
}
