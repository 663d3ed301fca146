namespace A64Jit.Runtime.Linux;

/// <summary>Marks a static method of <see cref="Syscalls"/> as the handler of an AArch64 Linux system call.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SyscallAttribute(int number, string name) : Attribute
{
    public int Number { get; } = number;
    public string Name { get; } = name;
}

/// <summary>The six argument registers x0..x5 of a system call.</summary>
public readonly record struct SyscallArgs(ulong A0, ulong A1, ulong A2, ulong A3, ulong A4, ulong A5);

public delegate long SyscallHandler(LinuxThread thread, SyscallArgs args);
