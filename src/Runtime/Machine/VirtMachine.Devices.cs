using A64Jit.Hypervisor.Cpu;
using A64Jit.Hypervisor.Gic;
using A64Jit.Hypervisor.Timers;
using A64Jit.Runtime.Loader;
using A64Jit.Runtime.Machine.DeviceTree;
using A64Jit.Runtime.Machine.Devices;

namespace A64Jit.Runtime.Machine;

// The devices of the virt machine and the threads that serve them: the GICv3, the PL011 console, the
// generic timer (a host thread fires it), PSCI, and the device tree that describes them.
public sealed partial class VirtMachine
{
    GicV3 gic = null!;
    GenericTimer timer = null!;
    Pl011 uart = null!;
    readonly HostCounter counter = new();
    readonly AutoResetEvent timerWake = new(false);
    Thread? timerThread, inputThread;
    Stream consoleOut = null!;
    readonly Lock consoleGate = new();
    readonly MemoryStream consoleBuffer = new();
    TerminalMode? terminal;

    void AttachDevices()
    {
        var cpu = cpus[0];
        gic = new GicV3(cpus.Count);
        Bus.AddDevice(GicDistributorBase, GicDistributorSize, new MmioFrame(gic.ReadDistributor, gic.WriteDistributor));
        Bus.AddDevice(GicRedistributorBase, GicRedistributorSize * (ulong)cpus.Count, new MmioFrame(gic.ReadRedistributor, gic.WriteRedistributor));
        consoleOut = options.Console ?? Console.OpenStandardOutput();
        uart = new Pl011(ConsoleWrite, level => gic.SetSpiLevel(UartInterrupt, level));
        Bus.AddDevice(UartBase, UartSize, uart);
        // CNTVCT ignores CNTVOFF at EL2 under E2H, and at EL0 in the EL2&0 host (el2.md case 36).
        var sys = cpu.Cpu;
        timer = new GenericTimer(counter, () => sys.E2h && (sys.El == 2 || (sys.El == 0 && sys.Tge)))
        {
            Output = (intid, level) => gic.SetPpiLevel(0, intid, level),
        };
        sys.Devices = [new WakingDevice(timer, timerWake), gic.CpuInterfaces[0]];
        gic.OutputsChanged += c =>
        {
            var m = cpus[c];
            m.Cpu.IrqLine = gic.IrqPending(c);
            m.Cpu.FiqLine = gic.FiqPending(c);
            m.Kick();
        };
    }

    void StartDeviceThreads()
    {
        timerThread = new Thread(TimerLoop) { IsBackground = true, Name = "a64jit timer" };
        timerThread.Start();
        if (options.Console is null)
        {
            terminal = TerminalMode.Raw();
            inputThread = new Thread(InputLoop) { IsBackground = true, Name = "a64jit console input" };
            inputThread.Start();
        }
    }

    void StopDeviceThreads()
    {
        stopped = true;
        timerWake.Set();
        timerThread?.Join();
        FlushConsole();
        terminal?.Dispose();
    }

    /// <summary>Fires the timers: sleeps until the next deadline (or a reprogramming), then updates their outputs.</summary>
    void TimerLoop()
    {
        while (!stopped)
        {
            timer.Update();
            var wait = timer.NextDeadline() is { } next ? counter.Until(next) : TimeSpan.FromMilliseconds(100);
            if (wait > TimeSpan.Zero)
                timerWake.WaitOne(wait < TimeSpan.FromMilliseconds(100) ? wait : TimeSpan.FromMilliseconds(100));
        }
    }

    /// <summary>Console input to the UART; Ctrl-A x ends the run (as in QEMU).</summary>
    void InputLoop()
    {
        var stdin = Console.OpenStandardInput();
        var one = new byte[1];
        bool escape = false;
        while (!stopped && stdin.Read(one, 0, 1) == 1)
        {
            if (escape && one[0] == (byte)'x')
            {
                Stop("console");
                return;
            }
            escape = one[0] == 0x01 && !escape;
            if (!escape)
                uart.EnqueueInput(one[0]);
        }
    }

    void ConsoleWrite(byte b)
    {
        lock (consoleGate)
        {
            consoleBuffer.WriteByte(b);
            if (b == '\n' || consoleBuffer.Length >= 4096)
                FlushConsoleLocked();
        }
    }

    void FlushConsole()
    {
        lock (consoleGate)
            FlushConsoleLocked();
    }

    void FlushConsoleLocked()
    {
        if (consoleBuffer.Length == 0)
            return;
        consoleOut.Write(consoleBuffer.GetBuffer(), 0, (int)consoleBuffer.Length);
        consoleOut.Flush();
        consoleBuffer.SetLength(0);
    }

    /// <summary>How long a CPU in WFI sleeps before it looks again (interrupts wake it sooner).</summary>
    public TimeSpan SleepBound()
    {
        FlushConsole();
        return TimeSpan.FromMilliseconds(100);
    }

    /// <summary>How long a WFE may sleep before the timer's event stream would wake it; null when the stream is off.</summary>
    public TimeSpan? EventStreamPeriod(SystemCpu cpu)
    {
        bool el2Controls = cpu.El == 2 || (cpu.E2h && cpu.Tge);
        ulong control = el2Controls ? (timer.TryRead(Hypervisor.SysRegs.SysRegTable.Named("CNTHCTL_EL2").Encoding, out ulong c) ? c : 0) : cpu.Reg("CNTKCTL_EL1");
        return cpu.EventStreamTicks(control) is { } ticks ? TimeSpan.FromSeconds(ticks / (double)GenericTimer.Frequency) : null;
    }

    /// <summary>HVC (no EL2) or SMC (EL2): the PSCI firmware.</summary>
    public void FirmwareCall(MachineCpu cpu)
    {
        var (x0, action) = Psci.Call(cpu.State.X[0], cpu.State.X[1], cpu.Cpu.Config.Mpidr);
        cpu.State.X[0] = x0;
        if (action == Psci.Action.PowerOff)
            Stop("off");
        else if (action == Psci.Action.Reset)
            Stop("reset");
    }

    /// <summary>Puts the initrd and the device tree in RAM after the image; returns the device tree's address.</summary>
    ulong PlaceBootData(Boot.BootImage image)
    {
        const ulong twoMiB = 2UL << 20;
        ulong next = (image.End + twoMiB - 1) & ~(twoMiB - 1);
        ulong? initrdStart = null, initrdEnd = null;
        if (options.Initrd is { } path)
        {
            byte[] initrd = File.ReadAllBytes(path);
            Place(next, initrd, path);
            (initrdStart, initrdEnd) = (next, next + (ulong)initrd.Length);
            next = (next + (ulong)initrd.Length + twoMiB - 1) & ~(twoMiB - 1);
        }
        byte[] dtb = VirtDeviceTree.Build(new VirtDeviceTree.Options(RamBase, options.MemoryBytes, cpus.Count, options.El2, options.Append, initrdStart, initrdEnd));
        if (options.DtbOut is { } dtbOut)
            File.WriteAllBytes(dtbOut, dtb);
        Place(next, dtb, "the device tree");
        return next;
    }

    void Place(ulong address, byte[] bytes, string what)
    {
        if (!Bus.IsRam(address, bytes.Length))
            throw new BadImageException($"{what} (0x{bytes.Length:x} bytes) does not fit in RAM after the image; try a larger --mem");
        bytes.CopyTo(Bus.RamSpan(address, bytes.Length));
    }

    /// <summary>A device frame given by its read and write functions.</summary>
    sealed class MmioFrame(Func<ulong, int, ulong> read, Action<ulong, int, ulong> write) : IMmioDevice
    {
        public ulong Read(ulong offset, int size) => read(offset, size);
        public void Write(ulong offset, int size, ulong value) => write(offset, size, value);
    }

    /// <summary>The timer's registers; a write wakes the timer thread to look at the new deadline.</summary>
    sealed class WakingDevice(GenericTimer timer, AutoResetEvent wake) : ISysRegDevice
    {
        public bool TryRead(uint encoding, out ulong value) => timer.TryRead(encoding, out value);

        public bool TryWrite(uint encoding, ulong value)
        {
            bool mine = timer.TryWrite(encoding, value);
            if (mine)
                wake.Set();
            return mine;
        }
    }
}
