namespace A64Jit.Runtime.Linux;

/// <summary>The AArch64 signal frame (struct rt_sigframe: siginfo, ucontext with sigcontext and FP/SIMD record).</summary>
public static class SignalFrame
{
    /// <summary>AT_MINSIGSTKSZ: the smallest stack a signal frame fits in (the kernel's value without SVE/SME).</summary>
    public const ulong MinSigStackSize = 5120;
}
