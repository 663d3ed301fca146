namespace A64Jit.Runtime.Machine;

/// <summary>
/// The firmware's PSCI 1.0 calls (el2.md 4.7; Arm DEN0022), reached through HVC or SMC. SMCCC_VERSION is not
/// supported, which callers read as SMCCC 1.0 (as QEMU 7.2's firmware answers):
/// the function in x0, arguments in x1..x3, the result in x0. This machine has one CPU.
/// </summary>
public static class Psci
{
    public const uint Version = 0x8400_0000, CpuSuspend32 = 0x8400_0001, CpuSuspend64 = 0xC400_0001, CpuOff = 0x8400_0002,
        CpuOn32 = 0x8400_0003, CpuOn64 = 0xC400_0003, AffinityInfo32 = 0x8400_0004, AffinityInfo64 = 0xC400_0004,
        MigrateInfoType = 0x8400_0006, SystemOff = 0x8400_0008, SystemReset = 0x8400_0009, Features = 0x8400_000A,
        SmcccVersion = 0x8000_0000, SmcccArchFeatures = 0x8000_0001;

    public const long Success = 0, NotSupported = -1, InvalidParameters = -2, Denied = -3, AlreadyOn = -4;

    /// <summary>What the machine must do after a call besides returning x0.</summary>
    public enum Action { None, PowerOff, Reset, WaitForInterrupt }

    /// <summary>Runs the call of a CPU with affinity <paramref name="callerMpidr"/>; returns x0 and the machine's action.</summary>
    public static (ulong X0, Action Action) Call(ulong x0, ulong x1, ulong callerMpidr)
    {
        uint function = (uint)x0;
        switch (function)
        {
            case Version: return (0x0001_0000, Action.None); // PSCI 1.0
            case SystemOff: return (0, Action.PowerOff);
            case SystemReset: return (0, Action.Reset);
            case MigrateInfoType: return (2, Action.None); // no Trusted OS needing migration
            case CpuSuspend32 or CpuSuspend64: return (Success, Action.WaitForInterrupt);
            case CpuOn32 or CpuOn64:
                // One CPU: the only valid target is the caller, which is on.
                return (unchecked((ulong)((x1 & 0xFF_00FF_FFFF) == (callerMpidr & 0xFF_00FF_FFFF) ? AlreadyOn : InvalidParameters)), Action.None);
            case AffinityInfo32 or AffinityInfo64:
                return ((x1 & 0xFF_00FF_FFFF) == (callerMpidr & 0xFF_00FF_FFFF) ? 0UL : unchecked((ulong)InvalidParameters), Action.None);
            case CpuOff: return (unchecked((ulong)Denied), Action.None); // the only CPU stays on
            case Features:
                return (Implemented((uint)x1) ? 0UL : unchecked((ulong)NotSupported), Action.None);
            default:
                return (unchecked((ulong)NotSupported), Action.None);
        }
    }

    static bool Implemented(uint function) => function is Version or CpuSuspend32 or CpuSuspend64 or CpuOff or CpuOn32 or CpuOn64
        or AffinityInfo32 or AffinityInfo64 or MigrateInfoType or SystemOff or SystemReset or Features;
}
