namespace A64Jit.Runtime.Machine.DeviceTree;

/// <summary>
/// The device tree of the virt machine, describing exactly what it has, in the shape QEMU's virt board
/// gives Linux (hw/arm/virt.c): RAM, the CPUs with PSCI, the GICv3, the generic timer, the PL011 and its
/// clock, and /chosen with the command line and initrd.
/// </summary>
public static class VirtDeviceTree
{
    public sealed record Options(ulong RamBase, ulong RamSize, int CpuCount, bool El2, string BootArgs, ulong? InitrdStart = null, ulong? InitrdEnd = null);

    const uint GicPhandle = 1, ClockPhandle = 2;
    // GIC interrupt specifier: type (0 SPI, 1 PPI), number, flags (4: level high; PPI CPU mask in bits 15..8).
    const uint Spi = 0, Ppi = 1, LevelHigh = 4;

    public static byte[] Build(Options o)
    {
        var fdt = new FdtBuilder();
        fdt.BeginNodeNamed("")
            .Cells("#address-cells", 2).Cells("#size-cells", 2)
            .String("compatible", "linux,dummy-virt")
            .String("model", "a64jit virt")
            .Cells("interrupt-parent", GicPhandle);

        fdt.BeginNodeNamed("chosen").String("bootargs", o.BootArgs).String("stdout-path", $"/pl011@{VirtMachine.UartBase:x}");
        if (o.InitrdStart is { } start && o.InitrdEnd is { } end)
            fdt.Quads("linux,initrd-start", start).Quads("linux,initrd-end", end);
        fdt.EndNodeHere();

        fdt.BeginNodeNamed($"memory@{o.RamBase:x}").String("device_type", "memory").Quads("reg", o.RamBase, o.RamSize).EndNodeHere();

        fdt.BeginNodeNamed("cpus").Cells("#address-cells", 1).Cells("#size-cells", 0);
        for (int i = 0; i < o.CpuCount; i++)
            fdt.BeginNodeNamed($"cpu@{i}").String("device_type", "cpu").String("compatible", "arm,arm-v8")
                .Cells("reg", (uint)i).String("enable-method", "psci").EndNodeHere();
        fdt.EndNodeHere();

        fdt.BeginNodeNamed("psci").Strings("compatible", "arm,psci-1.0", "arm,psci-0.2", "arm,psci")
            .String("method", o.El2 ? "smc" : "hvc").EndNodeHere();

        fdt.BeginNodeNamed($"intc@{VirtMachine.GicDistributorBase:x}")
            .String("compatible", "arm,gic-v3").Cells("#interrupt-cells", 3).Empty("interrupt-controller")
            .Cells("#address-cells", 2).Cells("#size-cells", 2).Empty("ranges")
            .Cells("#redistributor-regions", 1)
            .Quads("reg", VirtMachine.GicDistributorBase, VirtMachine.GicDistributorSize,
                VirtMachine.GicRedistributorBase, VirtMachine.GicRedistributorSize * (ulong)o.CpuCount)
            .Cells("phandle", GicPhandle).EndNodeHere();

        // Secure physical, non-secure physical, virtual and hypervisor timer PPIs (INTIDs 29, 30, 27, 26).
        uint cpuMask = ((1u << o.CpuCount) - 1) << 8;
        fdt.BeginNodeNamed("timer").Strings("compatible", "arm,armv8-timer", "arm,armv7-timer")
            .Cells("interrupts", Ppi, 13, cpuMask | LevelHigh, Ppi, 14, cpuMask | LevelHigh, Ppi, 11, cpuMask | LevelHigh, Ppi, 10, cpuMask | LevelHigh)
            .Empty("always-on").EndNodeHere();

        fdt.BeginNodeNamed("apb-pclk").String("compatible", "fixed-clock").Cells("#clock-cells", 0)
            .Cells("clock-frequency", 24_000_000).String("clock-output-names", "clk24mhz").Cells("phandle", ClockPhandle).EndNodeHere();

        fdt.BeginNodeNamed($"pl011@{VirtMachine.UartBase:x}").Strings("compatible", "arm,pl011", "arm,primecell")
            .Quads("reg", VirtMachine.UartBase, VirtMachine.UartSize)
            .Cells("interrupts", Spi, (uint)(VirtMachine.UartInterrupt - 32), LevelHigh)
            .Cells("clocks", ClockPhandle, ClockPhandle).Strings("clock-names", "uartclk", "apb_pclk").EndNodeHere();

        fdt.EndNodeHere();
        return fdt.Build();
    }
}
