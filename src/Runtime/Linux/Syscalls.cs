namespace A64Jit.Runtime.Linux;

/// <summary>
/// The AArch64 Linux system calls, one static method each, marked with its number. Split by theme
/// across the Syscalls.*.cs files. A handler returns the result or -errno.
/// </summary>
public static partial class Syscalls
{
    /// <summary>Returned by handlers that set x0 themselves or do not return (rt_sigreturn, exit).</summary>
    public const long NoReturnValue = long.MinValue;
}
