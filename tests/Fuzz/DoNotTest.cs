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
        ["SVC"] = "ends the block with an exception: no architectural result to compare",
        ["BRK"] = "ends the block with an exception: no architectural result to compare",
    };

    /// <summary>The reason a line is skipped, matching exact names and name prefixes ending in '*'.</summary>
    public static string? Reason(string name) =>
        Unicorn.TryGetValue(name, out var why) ? why
        : Unicorn.FirstOrDefault(kv => kv.Key.EndsWith('*') && name.StartsWith(kv.Key[..^1], StringComparison.Ordinal)).Value;
}
