using A64Jit.IR;
using A64Jit.Runtime.Cpu;

namespace A64Jit.Runtime.Engines;

/// <summary>Runs guest code one block at a time on a guest CPU.</summary>
public interface IEngine
{
    string Name { get; }

    /// <summary>Runs the block at State.Pc and updates State.Pc to where execution continues or stopped.</summary>
    BlockExit Step(CpuContext ctx);

    /// <summary>Forgets translations covering the (physical) page of <paramref name="address"/> (code was written).</summary>
    void InvalidatePage(ulong address);
}
