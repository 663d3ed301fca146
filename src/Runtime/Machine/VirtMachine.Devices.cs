namespace A64Jit.Runtime.Machine;

// Devices of the virt machine: wired in when the device models land (interim: no devices, SYSTEM_OFF only).
public sealed partial class VirtMachine
{
    void AttachDevices() { }

    void StartDeviceThreads() { }

    void StopDeviceThreads() { }

    /// <summary>How long a CPU in WFI may sleep before it looks again.</summary>
    public TimeSpan SleepBound() => TimeSpan.FromMilliseconds(10);

    public void FirmwareCall(MachineCpu cpu)
    {
        if (cpu.State.X[0] == 0x8400_0008)
            Stop("off");
        else
            cpu.State.X[0] = ulong.MaxValue;
    }

    ulong PlaceBootData(Boot.BootImage image) => 0;
}
