namespace A64Jit.Hypervisor.Mmu;

/// <summary>
/// What a mapping lets each privilege level do, before PSTATE.PAN is applied. "Privileged" is EL1 for the EL1&amp;0
/// regime and EL2 for the EL2 and EL2&amp;0 regimes; "user" is EL0 (and LDTR/STTR-style unprivileged accesses).
/// </summary>
[Flags]
public enum PagePermissions : byte
{
    None = 0,
    PrivilegedRead = 1 << 0,
    PrivilegedWrite = 1 << 1,
    PrivilegedExecute = 1 << 2,
    UserRead = 1 << 3,
    UserWrite = 1 << 4,
    UserExecute = 1 << 5,
    All = PrivilegedRead | PrivilegedWrite | PrivilegedExecute | UserRead | UserWrite | UserExecute,
}
