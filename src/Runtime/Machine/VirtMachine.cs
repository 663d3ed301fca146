using A64Jit.Hypervisor.Cpu;
using A64Jit.Runtime.Cpu;
using A64Jit.Runtime.Engines;
using A64Jit.Runtime.Machine.Boot;

namespace A64Jit.Runtime.Machine;

/// <summary>
/// The `virt` machine: QEMU's virt board memory map (RAM at 0x4000_0000, GICv3 at 0x0800_0000 and
/// 0x080A_0000, PL011 at 0x0900_0000), the generic timer, PSCI firmware, a generated device tree, and one
/// CPU that starts at EL2 (--el2) or EL1 in the loaded image. The job of `a64jit boot`.
/// </summary>
public sealed partial class VirtMachine : IDisposable
{
    public const ulong RamBase = 0x4000_0000;
    public const ulong UartBase = 0x0900_0000, UartSize = 0x1000;
    public const ulong GicDistributorBase = 0x0800_0000, GicDistributorSize = 0x1_0000;
    public const ulong GicRedistributorBase = 0x080A_0000, GicRedistributorSize = 0x2_0000;
    public const int UartInterrupt = 33;

    public sealed record Options
    {
        public required string Kernel { get; init; }
        public string? Initrd { get; init; }
        public string Append { get; init; } = "";
        public ulong MemoryBytes { get; init; } = 1UL << 30;
        public bool El2 { get; init; }
        public string Engine { get; init; } = "jit";
        public string? DtbOut { get; init; }
        /// <summary>Print every exception entry and return to stderr (--trace).</summary>
        public bool Trace { get; init; }
        /// <summary>Count system-register accesses by register, EL, direction and path (--profile).</summary>
        public bool Profile { get; init; }
        public EngineOptions EngineOptions { get; init; } = new();
        /// <summary>Where the UART's output goes (a64jit's stdout by default).</summary>
        public Stream? Console { get; init; }
    }

    readonly Options options;
    readonly List<MachineCpu> cpus = [];
    volatile bool stopped;

    public PhysicalMemory Bus { get; }
    /// <summary>The engine of the last run (for --stats).</summary>
    public IEngine? Engine { get; private set; }
    /// <summary>The system-register access counts, when profiling.</summary>
    public Hypervisor.Profiling.SysRegProfile? Profile { get; }
    public bool Stopped => stopped;
    public IReadOnlyList<MachineCpu> Cpus => cpus;
    /// <summary>Why the run ended: "off" (PSCI SYSTEM_OFF), "reset" (SYSTEM_RESET), or the console's escape.</summary>
    public string? StopReason { get; private set; }

    public VirtMachine(Options options)
    {
        this.options = options;
        if (options.MemoryBytes < (16UL << 20) || options.MemoryBytes > (64UL << 30) || (options.MemoryBytes & 0xFFF) != 0)
            throw new ArgumentException($"--mem must be between 16M and 64G in whole pages (got {options.MemoryBytes} bytes)");
        Bus = new PhysicalMemory(RamBase, options.MemoryBytes);
        var config = new SystemCpuConfig
        {
            HasEl2 = options.El2,
            Mpidr = 0x8000_0000,
            IdRegister = SystemIdRegisters.For(options.El2),
        };
        var context = new SystemContext(new CpuState(), Bus, config);
        if (options.Trace)
            context.Cpu.Trace = line => Console.Error.WriteLine($"a64jit: cpu0: {line}");
        if (options.Profile)
            context.Profile = Profile = new Hypervisor.Profiling.SysRegProfile();
        cpus.Add(new MachineCpu(this, 0, context));
        AttachDevices();
    }

    /// <summary>Loads the image (and initrd and device tree), resets the CPU and runs until the guest powers off.</summary>
    public void Run()
    {
        var image = BootImage.Load(options.Kernel, Bus);
        ulong dtb = PlaceBootData(image);
        var cpu = cpus[0];
        cpu.Cpu.Reset(options.El2 ? 2 : 1);
        if (options.El2)
            cpu.Cpu.Reg("HCR_EL2") = 0;
        cpu.State.Pc = image.Entry;
        // Linux boot protocol: x0 = device tree, x1..x3 = 0; bare-metal images get the same.
        cpu.State.X[0] = dtb;
        var engine = Engine = CreateEngine();
        StartDeviceThreads();
        try
        {
            cpu.Run(engine);
        }
        finally
        {
            StopDeviceThreads();
        }
    }

    IEngine CreateEngine() => options.Engine switch
    {
        "interp" => new InterpreterEngine(options.EngineOptions),
        "jit" => new JitEngine(WithSystemThreshold(options.EngineOptions), systemMode: true),
        "lockstep" => new LockstepEngine(options.EngineOptions, systemMode: true),
        _ => throw new ArgumentException($"unknown engine '{options.Engine}' (available: jit, interp, lockstep)"),
    };

    static EngineOptions WithSystemThreshold(EngineOptions o) => new()
    {
        MaxBlockInstructions = o.MaxBlockInstructions, VerifyIr = o.VerifyIr, DumpIr = o.DumpIr, Optimize = o.Optimize, DumpX86 = o.DumpX86,
        CompileThreshold = EngineOptions.SystemCompileThreshold,
    };

    /// <summary>Ends the run (from any thread): every CPU leaves its loop at the next block.</summary>
    public void Stop(string reason)
    {
        StopReason ??= reason;
        stopped = true;
        foreach (var cpu in cpus)
            cpu.Kick();
    }

    public void Dispose()
    {
        (Engine as IDisposable)?.Dispose();
        foreach (var cpu in cpus)
            cpu.Context.Profile = null;
        Profile?.Dispose();
        Bus.Dispose();
    }
}
