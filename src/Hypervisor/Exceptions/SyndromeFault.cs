using A64Jit.IR;

namespace A64Jit.Hypervisor.Exceptions;

/// <summary>
/// A synchronous exception raised by the system slow path in the middle of an instruction (a trapped
/// system-register access, an UNDEFINED one, an MMU fault), with everything exception entry needs.
/// The instruction has no effect; the exception's preferred return address is the instruction itself.
/// </summary>
public sealed class SyndromeFault(uint esr, int targetEl, ulong? faultAddress, string message, ulong? faultIpa = null)
    : GuestFault(GuestFaultKind.Architectural, faultAddress ?? 0, false, message)
{
    public uint Esr { get; } = esr;

    /// <summary>The EL the exception must be taken to; 0 routes it by the default rules for its class.</summary>
    public int TargetEl { get; } = targetEl;

    /// <summary>FAR_ELx for aborts; null when the class has no fault address.</summary>
    public ulong? FaultAddress { get; } = faultAddress;

    /// <summary>The faulting IPA of a stage-2 abort (HPFAR_EL2).</summary>
    public ulong? FaultIpa { get; } = faultIpa;
}
