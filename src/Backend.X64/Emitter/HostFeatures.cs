using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace A64Jit.Backend.X64;

/// <summary>
/// The x86-64 extensions the emitted code may use, found once at start-up. Under the .NET JIT they are
/// what the runtime reports (so DOTNET_EnableAVX2=0 and friends turn them off, which is how the fallbacks
/// are tested). A natively compiled a64jit (Native AOT) has the IsSupported answers fixed when it was
/// built, for the baseline x86-64; there the CPU is asked with CPUID instead, since the code we emit runs
/// on this host whatever a64jit itself was compiled for.
/// </summary>
static class HostFeatures
{
    static readonly bool AskCpu = !RuntimeFeature.IsDynamicCodeSupported && X86Base.IsSupported;
    static readonly (int Eax, int Ebx, int Ecx, int Edx) Leaf1 = AskCpu ? X86Base.CpuId(1, 0) : default;
    static readonly (int Eax, int Ebx, int Ecx, int Edx) Leaf7 = AskCpu && X86Base.CpuId(0, 0).Eax >= 7 ? X86Base.CpuId(7, 0) : default;
    static readonly (int Eax, int Ebx, int Ecx, int Edx) Extended1 = AskCpu && (uint)X86Base.CpuId(unchecked((int)0x8000_0000), 0).Eax >= 0x8000_0001u
        ? X86Base.CpuId(unchecked((int)0x8000_0001), 0) : default;

    static bool Bit(int register, int bit) => (register & (1 << bit)) != 0;

    /// <summary>AVX state is enabled by the OS (OSXSAVE set and AVX present; Linux enables YMM state wherever AVX exists).</summary>
    static bool AvxState => Bit(Leaf1.Ecx, 27) && Bit(Leaf1.Ecx, 28);

    public static readonly bool Ssse3 = System.Runtime.Intrinsics.X86.Ssse3.IsSupported || (AskCpu && Bit(Leaf1.Ecx, 9));
    public static readonly bool Sse41 = System.Runtime.Intrinsics.X86.Sse41.IsSupported || (AskCpu && Bit(Leaf1.Ecx, 19));
    public static readonly bool Sse42 = System.Runtime.Intrinsics.X86.Sse42.IsSupported || (AskCpu && Bit(Leaf1.Ecx, 20));
    public static readonly bool Pclmulqdq = System.Runtime.Intrinsics.X86.Pclmulqdq.IsSupported || (AskCpu && Bit(Leaf1.Ecx, 1));
    public static readonly bool Fma = System.Runtime.Intrinsics.X86.Fma.IsSupported || (AskCpu && AvxState && Bit(Leaf1.Ecx, 12));
    public static readonly bool Avx2 = System.Runtime.Intrinsics.X86.Avx2.IsSupported || (AskCpu && AvxState && Bit(Leaf7.Ebx, 5));
    public static readonly bool Popcnt = System.Runtime.Intrinsics.X86.Popcnt.IsSupported || (AskCpu && Bit(Leaf1.Ecx, 23));
    public static readonly bool Bmi2 = System.Runtime.Intrinsics.X86.Bmi2.IsSupported || (AskCpu && Bit(Leaf7.Ebx, 8));
    public static readonly bool Lzcnt = System.Runtime.Intrinsics.X86.Lzcnt.IsSupported || (AskCpu && Bit(Extended1.Ecx, 5));
}
