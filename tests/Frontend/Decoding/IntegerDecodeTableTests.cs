using A64Jit.Frontend.Decoding;
using A64Jit.Frontend.Lifting;
using A64Jit.Tests.Support;

namespace A64Jit.Tests.Frontend.Decoding;

/// <summary>
/// The decode-table lines of the integer classes (Data Processing -- Immediate and -- Register,
/// Branches, Exception Generating and System): sound patterns, bound handlers, and the same
/// allocated/unallocated answer as llvm-mc over a structured sample of each class's space.
/// </summary>
[TestFixture]
public class IntegerDecodeTableTests
{
    static readonly EncodingClass[] classes =
        [EncodingClass.DataProcessingImmediate, EncodingClass.DataProcessingRegister, EncodingClass.BranchExceptionSystem];

    static IEnumerable<Encoding> Lines => DecodeTable.All.Where(e => classes.Contains(e.Class));

    [Test]
    public void NamesAreUnique()
    {
        var duplicates = DecodeTable.All.GroupBy(e => e.Name).Where(g => g.Count() > 1).Select(g => g.Key);
        Assert.That(duplicates, Is.Empty);
    }

    [Test]
    public void HandlersBind()
    {
        var problems = Lines.Where(HandlerTable.IsLifted)
            .SelectMany(e => HandlerTable.BindingProblems(e, HandlerTable.HandlerFor(e)!));
        Assert.That(problems, Is.Empty);
        foreach (var e in Lines.Where(HandlerTable.IsLifted))
            Assert.That(HandlerTable.Get(e), Is.Not.Null, e.Name);
    }

    [Test(Description = "no line is shadowed entirely by an earlier line without a constraint")]
    public void NoLineIsDead()
    {
        var all = DecodeTable.All;
        for (int j = 0; j < all.Count; j++)
            for (int i = 0; i < j; i++)
            {
                var (a, b) = (all[i], all[j]);
                // a covers b when every bit a fixes is fixed to the same value in b.
                bool covers = (a.Mask & ~b.Mask) == 0 && (b.Value & a.Mask) == a.Value;
                if (covers && a.Constraint is null)
                    Assert.Fail($"{b.Name} can never match: {a.Name} comes first");
            }
    }

    [Test]
    public void LiftedCounts()
    {
        foreach (var cls in classes)
        {
            var lines = DecodeTable.All.Where(e => e.Class == cls && !e.IsUnallocated).ToList();
            TestContext.Out.WriteLine($"{cls}: {lines.Count} lines, {lines.Count(HandlerTable.IsLifted)} lifted; unlifted: "
                + string.Join(' ', lines.Where(e => !HandlerTable.IsLifted(e)).Select(e => e.Name)));
        }
    }

    [Test(Description = "allocated exactly where llvm-mc decodes an instruction (Data Processing -- Register)")]
    public void DataProcessingRegisterMatchesLlvm() => CompareWithLlvm(DataProcessingRegisterSample(), []);

    [Test(Description = "allocated exactly where llvm-mc decodes an instruction (Branches, Exception Generating and System)")]
    public void BranchExceptionSystemMatchesLlvm() => CompareWithLlvm(BranchExceptionSystemSample(), LlvmDeviations);

    [Test(Description = "allocated exactly where llvm-mc decodes an instruction (Data Processing -- Immediate)")]
    public void DataProcessingImmediateMatchesLlvm() => CompareWithLlvm(DataProcessingImmediateSample(), []);

    /// <summary>
    /// Words where LLVM 14 and the Arm ARM disagree; we follow the Arm ARM.
    /// </summary>
    static readonly (string Why, Func<uint, bool> Applies)[] LlvmDeviations =
    [
        // LLVM decodes any op0 == 00 word it does not know as a generic "msr S0_op1_Cn_Cm_op2, Xt" or
        // "mrs Xt, S0_..."; the Arm ARM has those op0 == 00 encodings as unallocated: barriers with op2
        // 000/001/011, MSR (immediate) fields we do not implement (TCO without MTE) and unnamed op1:op2
        // combinations, and every other op1/CRn. The hint space is allocated in both.
        ("llvm decodes op0 == 00 as a generic system register", w => (w & 0xFFD8_0000) == 0xD500_0000),
    ];

    static void CompareWithLlvm(List<uint> words, (string Why, Func<uint, bool> Applies)[] deviations)
    {
        var llvm = LlvmMc.Disassemble(words);
        var mismatches = new List<string>();
        int skipped = 0;
        for (int i = 0; i < words.Count; i++)
        {
            uint w = words[i];
            var ours = Decoder.Decode(w);
            bool theirs = llvm[i] is not null;
            if ((ours is not null) == theirs)
                continue;
            if (ours is null && deviations.Any(d => d.Applies(w)))
            {
                skipped++;
                continue;
            }
            mismatches.Add($"{w:x8}: ours {ours?.Name ?? "unallocated"}, llvm {llvm[i] ?? "invalid"}");
        }
        TestContext.Out.WriteLine($"{words.Count} words, {skipped} known llvm deviations");
        Assert.That(mismatches.Take(60), Is.Empty, $"{mismatches.Count} mismatches");
    }

    /// <summary>Every combination of the opcode bits, with the register fields random, all zeros and all ones.</summary>
    static List<uint> Vary(uint fixedMask, uint fixedValue, uint keyMask, Random random, int randomFills = 2)
    {
        var words = new List<uint>();
        int keyBits = System.Numerics.BitOperations.PopCount(keyMask);
        uint restMask = ~(fixedMask | keyMask);
        for (uint k = 0; k < 1u << keyBits; k++)
        {
            uint key = Deposit(k, keyMask) | fixedValue;
            words.Add(key);
            words.Add(key | restMask);
            for (int f = 0; f < randomFills; f++)
                words.Add(key | ((uint)random.NextInt64() & restMask));
        }
        return words;
    }

    /// <summary>Words drawn uniformly from the class, for what the structured sample does not think of.</summary>
    static IEnumerable<uint> Uniform(uint fixedMask, uint fixedValue, Random random, int count = 20_000) =>
        Enumerable.Range(0, count).Select(_ => ((uint)random.NextInt64() & ~fixedMask) | fixedValue).ToList();

    static uint Deposit(uint bits, uint mask)
    {
        uint result = 0;
        for (int b = 0; b < 32; b++)
            if ((mask & (1u << b)) != 0)
            {
                result |= (bits & 1) << b;
                bits >>= 1;
            }
        return result;
    }

    static List<uint> DataProcessingRegisterSample()
    {
        var random = new Random(1);
        var words = new List<uint>();
        // The whole class: bits 27..25 = 101; opcode bits 31..28, 24..21, 15..10.
        words.AddRange(Vary(0x0E00_0000, 0x0A00_0000, 0xF1E0_FC00, random));
        // Data-processing (1 source): opcode2 (20..16) and opcode (15..10), with Rn = 31 for the Z forms.
        words.AddRange(Vary(0x5FE0_0000, 0x5AC0_0000, 0xA01F_FC00, random, 0));
        // Flag manipulation and conditional compare: the low five bits matter.
        words.AddRange(Vary(0x1FE0_0000, 0x1A00_0000, 0xE000_FC1F, random, 1));
        words.AddRange(Vary(0x1FE0_0000, 0x1A40_0000, 0xE000_0C1F, random, 1));
        words.AddRange(Uniform(0x0E00_0000, 0x0A00_0000, random));
        return words;
    }

    static List<uint> BranchExceptionSystemSample()
    {
        var random = new Random(2);
        var words = new List<uint>();
        // The whole class: bits 28..26 = 101; opcode bits 31..29, 25..21, 4.
        words.AddRange(Vary(0x1C00_0000, 0x1400_0000, 0xE3E0_0010, random, 4));
        // Exception generation: opc (23..21), op2 and LL (4..0).
        words.AddRange(Vary(0xFF00_0000, 0xD400_0000, 0x00E0_001F, random, 2));
        // System, op0 == 00: every L, op1, CRn, CRm, op2 with Rt = 31, and a sample with other Rt.
        words.AddRange(Vary(0xFFD8_001F, 0xD500_001F, 0x0027_FFE0, random, 0));
        words.AddRange(Vary(0xFFD8_0000, 0xD500_0000, 0x0027_0FE0, random, 1));
        // System, op0 != 00 (SYS, SYSL, MRS, MSR): a random sample.
        for (int i = 0; i < 4096; i++)
            words.Add(0xD508_0000 | ((uint)random.NextInt64() & 0x003F_FFFF) | (i % 3 == 0 ? 0x0010_0000u : 0));
        // Unconditional branch (register): opc, op2, op3, with Rn and op4 at 0, 31 and random.
        words.AddRange(Vary(0xFE00_0000, 0xD600_0000, 0x01E0_FC00, random, 1));
        foreach (uint low in new uint[] { 0x3FF, 0x3E0, 0x01F, 0x000, 0x061 })
            words.AddRange(Vary(0xFE1F_03FF, 0xD61F_0000 | low, 0x01E0_FC00, random, 0));
        words.AddRange(Uniform(0x1C00_0000, 0x1400_0000, random));
        return words;
    }

    static List<uint> DataProcessingImmediateSample()
    {
        var random = new Random(3);
        // The whole class: bits 28..26 = 100; opcode bits 31..29, 25..22 and N/immr/imms high bits.
        return Vary(0x1C00_0000, 0x1000_0000, 0xE3E0_FC00, random, 1);
    }
}
