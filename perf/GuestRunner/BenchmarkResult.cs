namespace A64Jit.Perf.GuestRunner;

/// <summary>
/// One row of the guest table: median wall seconds per runner (null when that runner did not run
/// or failed), a64jit's median MIPS from --stats, and a short note ("SIGILL", "checksum ...").
/// </summary>
public sealed record BenchmarkResult(string Name, long Size, double? A64JitSeconds, double? QemuSeconds, double? NativeSeconds,
    double? Mips = null, string? Note = null)
{
    /// <summary>How many times slower than native a64jit is (lower is better; 1 is native speed).</summary>
    public double? A64JitOverNative => Ratio(A64JitSeconds, NativeSeconds);

    /// <summary>How many times faster than qemu-aarch64 a64jit is (higher is better).</summary>
    public double? QemuOverA64Jit => Ratio(QemuSeconds, A64JitSeconds);

    static double? Ratio(double? numerator, double? denominator) =>
        numerator is { } n && denominator is { } d && n > 0 && d > 0 ? n / d : null;
}
