using System.Diagnostics;
using A64Jit.Runtime.Machine;

namespace A64Jit.Runtime;

/// <summary>Boots a guest on the virt machine, the job of `a64jit boot`.</summary>
public static class SystemRunner
{
    /// <summary>Runs the machine to its end; returns the exit status (0 after the guest powered off or reset).</summary>
    public static int Boot(VirtMachine.Options options, bool stats)
    {
        using var machine = new VirtMachine(options);
        var clock = Stopwatch.StartNew();
        machine.Run();
        clock.Stop();
        if (stats)
        {
            long instructions = machine.Cpus.Sum(c => c.State.InstructionsRetired);
            Console.Error.WriteLine($"a64jit: {instructions:N0} guest instructions in {clock.Elapsed.TotalSeconds:F3} s: " +
                $"{instructions / Math.Max(clock.Elapsed.TotalSeconds, 1e-9) / 1e6:F1} MIPS ({options.Engine})");
            if (machine.Engine is Engines.JitEngine jit)
                Console.Error.WriteLine($"a64jit: {jit.Statistics}; {machine.Cpus[0].Exits}");
        }
        if (machine.Profile is { } profile)
            Console.Error.Write("a64jit: system-register accesses\n" + profile.Format());
        if (machine.StopReason == "reset")
            Console.Error.WriteLine("a64jit: the guest asked for a system reset; stopping");
        return 0;
    }
}
