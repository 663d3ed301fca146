namespace A64Jit.Tests.Fuzz;

/// <summary>
/// Table lines the differential fuzzer does not compare against Unicorn, each with its reason.
/// A line here is still checked by its own fixture and by the guest programs.
/// </summary>
public static class DoNotTest
{
    public static readonly IReadOnlyDictionary<string, string> Unicorn = new Dictionary<string, string>
    {
        ["MRS"] = "system registers differ by design: Unicorn runs at EL1 with its own ID values and a live counter",
        ["MSR_reg"] = "system-register writes at EL1 in Unicorn, EL0 rules in user mode",
        ["SB"] = "Unicorn 2.0.1's MAX cpu does not implement FEAT_SB (it raises UNDEF)",
        ["CFINV"] = "Unicorn 2.0.1's MAX cpu does not implement FEAT_FlagM (checked against qemu 7.2 in its fixture)",
        ["RMIF"] = "Unicorn 2.0.1's MAX cpu does not implement FEAT_FlagM (checked against qemu 7.2 in its fixture)",
        ["SETF8"] = "Unicorn 2.0.1's MAX cpu does not implement FEAT_FlagM (checked against qemu 7.2 in its fixture)",
        ["SETF16"] = "Unicorn 2.0.1's MAX cpu does not implement FEAT_FlagM (checked against qemu 7.2 in its fixture)",
        ["AXFLAG"] = "Unicorn 2.0.1's MAX cpu does not implement FEAT_FlagM2 (checked against qemu 7.2 in its fixture)",
        ["XAFLAG"] = "Unicorn 2.0.1's MAX cpu does not implement FEAT_FlagM2 (checked against qemu 7.2 in its fixture)",
        ["MSR_imm_*"] = "PSTATE fields: PAN, UAO, SPSel and DAIF are UNDEFINED at EL0, where Unicorn (at EL1) writes them",
        ["STXR"] = "a store-exclusive with no armed monitor: whether it detects aborts is IMPLEMENTATION DEFINED (ExclusiveMonitorsPass), and Unicorn keeps its monitor between runs; covered against qemu in LoadStoreExclusiveTests",
        ["STLXR"] = "a store-exclusive with no armed monitor: whether it detects aborts is IMPLEMENTATION DEFINED (ExclusiveMonitorsPass), and Unicorn keeps its monitor between runs; covered against qemu in LoadStoreExclusiveTests",
        ["STXP"] = "a store-exclusive with no armed monitor: whether it detects aborts is IMPLEMENTATION DEFINED (ExclusiveMonitorsPass), and Unicorn keeps its monitor between runs; covered against qemu in LoadStoreExclusiveTests",
        ["STLXP"] = "a store-exclusive with no armed monitor: whether it detects aborts is IMPLEMENTATION DEFINED (ExclusiveMonitorsPass), and Unicorn keeps its monitor between runs; covered against qemu in LoadStoreExclusiveTests",
        ["LDAR"] = "Unicorn 2.0.1 (QEMU 5 base) does not check the alignment of ordered accesses; ours follow FEAT_LSE2 (fault when crossing 16 bytes), checked against qemu 7.2 in LoadStoreExclusiveTests",
        ["LDAPR"] = "Unicorn 2.0.1 (QEMU 5 base) does not check the alignment of ordered accesses; ours follow FEAT_LSE2 (fault when crossing 16 bytes), checked against qemu 7.2 in LoadStoreExclusiveTests",
        ["LDAPUR"] = "Unicorn 2.0.1 (QEMU 5 base) does not check the alignment of ordered accesses; ours follow FEAT_LSE2 (fault when crossing 16 bytes), checked against qemu 7.2 in LoadStoreExclusiveTests",
        ["LDAPURS"] = "Unicorn 2.0.1 (QEMU 5 base) does not check the alignment of ordered accesses; ours follow FEAT_LSE2 (fault when crossing 16 bytes), checked against qemu 7.2 in LoadStoreExclusiveTests",
        ["STLR"] = "Unicorn 2.0.1 (QEMU 5 base) does not check the alignment of ordered accesses; ours follow FEAT_LSE2 (fault when crossing 16 bytes), checked against qemu 7.2 in LoadStoreExclusiveTests",
        ["STLUR"] = "Unicorn 2.0.1 (QEMU 5 base) does not check the alignment of ordered accesses; ours follow FEAT_LSE2 (fault when crossing 16 bytes), checked against qemu 7.2 in LoadStoreExclusiveTests",
        ["LDLAR"] = "Unicorn 2.0.1 (QEMU 5 base) does not check the alignment of ordered accesses; ours follow FEAT_LSE2 (fault when crossing 16 bytes), checked against qemu 7.2 in LoadStoreExclusiveTests",
        ["STLLR"] = "Unicorn 2.0.1 (QEMU 5 base) does not check the alignment of ordered accesses; ours follow FEAT_LSE2 (fault when crossing 16 bytes), checked against qemu 7.2 in LoadStoreExclusiveTests",
        ["LDSMAX"] = "Unicorn 2.0.1 compares the whole 64-bit register for 8/16/32-bit LDxMAX/LDxMIN (ours and qemu 7.2 use the low bits, as the Arm ARM says); covered against qemu in LoadStoreAtomicTests",
        ["LDSMIN"] = "Unicorn 2.0.1 compares the whole 64-bit register for 8/16/32-bit LDxMAX/LDxMIN (ours and qemu 7.2 use the low bits, as the Arm ARM says); covered against qemu in LoadStoreAtomicTests",
        ["LDUMAX"] = "Unicorn 2.0.1 compares the whole 64-bit register for 8/16/32-bit LDxMAX/LDxMIN (ours and qemu 7.2 use the low bits, as the Arm ARM says); covered against qemu in LoadStoreAtomicTests",
        ["LDUMIN"] = "Unicorn 2.0.1 compares the whole 64-bit register for 8/16/32-bit LDxMAX/LDxMIN (ours and qemu 7.2 use the low bits, as the Arm ARM says); covered against qemu in LoadStoreAtomicTests",
        ["FCMLA_element"] = "Unicorn 2.0.1 (QEMU 5 base) differs in FPSR for FCMLA by element; qemu 7.2 agrees with us in the FP/SIMD fuzzer",
        ["UDF"] = "always UNDEFINED: raises an exception, no architectural result to compare",
        ["SVC"] = "ends the block with an exception: no architectural result to compare",
        ["HVC"] = "ends the block with an exception (UNDEFINED at EL0): no architectural result to compare",
        ["SMC"] = "ends the block with an exception (UNDEFINED at EL0): no architectural result to compare",
        ["ERET"] = "UNDEFINED at EL0 (user mode raises SIGILL); Unicorn runs at EL1, where it returns from an exception",
        ["BRK"] = "ends the block with an exception: no architectural result to compare",
    };

    /// <summary>
    /// Single words not compared with Unicorn, with the reason: results the Arm ARM leaves CONSTRAINED
    /// UNPREDICTABLE, and encodings where QEMU (Unicorn's base) is known to deviate from the Arm ARM.
    /// </summary>
    public static string? SkippedWord(string name, uint word) => Unpredictable(name, word) ?? QemuDeviation(name, word) ?? El1Only(name, word);

    /// <summary>
    /// SYS forms other than op1=3 (TLBI, AT, DC by set/way, IC IALLU) are EL1 instructions: UNDEFINED at EL0 in
    /// user mode, executed by Unicorn at EL1. The full-system tests check them at EL1 and EL2.
    /// </summary>
    static string? El1Only(string name, uint word) =>
        name is "SYS" or "SYSL" && ((word >> 16) & 7) != 3 ? "an EL1 system instruction: UNDEFINED at EL0, executed by Unicorn at EL1" : null;

    /// <summary>
    /// Words whose result the Arm ARM leaves CONSTRAINED UNPREDICTABLE: no single right answer, so two
    /// of our own engines need not agree either.
    /// </summary>
    public static string? Unpredictable(string name, uint word)
    {
        uint rt = word & 31, rt2 = (word >> 10) & 31;
        bool loadPair = name.StartsWith("LDP", StringComparison.Ordinal) || name.StartsWith("LDNP", StringComparison.Ordinal)
            || name is "LDXP" or "LDAXP";
        if (loadPair && rt == rt2)
            return "a load pair with Rt == Rt2 (CONSTRAINED UNPREDICTABLE: the register value is UNKNOWN)";
        return null;
    }

    /// <summary>Words where QEMU deviates from the Arm ARM (and we follow the Arm ARM): only the comparison with Unicorn skips them.</summary>
    public static string? QemuDeviation(string name, uint word)
    {
        if (name is "FCVTZS_scalar_fix" or "FCVTZU_scalar_fix" && ((word >> 20) & 7) == 1) // immh = 001x: half precision
            return "half-precision scalar fixed-point: QEMU writes a 32-bit result, the Arm ARM a 16-bit one (we follow the Arm ARM)";
        return null;
    }

    /// <summary>The reason a line is skipped, matching exact names and name prefixes ending in '*'.</summary>
    public static string? Reason(string name) =>
        Unicorn.TryGetValue(name, out var why) ? why
        : Unicorn.FirstOrDefault(kv => kv.Key.EndsWith('*') && name.StartsWith(kv.Key[..^1], StringComparison.Ordinal)).Value;
}
