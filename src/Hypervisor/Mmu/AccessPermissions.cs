namespace A64Jit.Hypervisor.Mmu;

/// <summary>
/// Decodes leaf and table permission bits into <see cref="PagePermissions"/> and checks one access against them.
/// Follows the Arm ARM's AArch64.S1DirectBasePermissions (leaf AP, then APTable, then execute-never, then WXN) and
/// the stage-2 S2AP/XN rules.
/// </summary>
internal static class AccessPermissions
{
    const int ApShift = 6;
    const int PxnBit = 53;
    const int UxnBit = 54;

    /// <summary>
    /// Stage-1 permissions of a leaf. <paramref name="apTable"/>, <paramref name="pxnTable"/> and
    /// <paramref name="uxnTable"/> are the table attributes gathered on the way down (zero when TCR.HPD is set).
    /// </summary>
    internal static PagePermissions Stage1(bool twoRanges, ulong leaf, uint apTable, bool pxnTable, bool uxnTable, bool wxn)
    {
        uint ap = (uint)(leaf >> ApShift) & 3;
        bool pr = true, pw = (ap & 2) == 0, ur = false, uw = false, px, ux = false;
        if (twoRanges)
        {
            ur = (ap & 1) != 0;
            uw = ap == 1;
            // APTable[0]: no EL0 access below this table; APTable[1]: no write access below it.
            if ((apTable & 1) != 0)
                ur = uw = false;
            if ((apTable & 2) != 0)
                pw = uw = false;
            // Memory EL0 can write is never executable at EL1 (or EL2 under E2H).
            px = !(Bit(leaf, PxnBit) || pxnTable || uw);
            ux = !(Bit(leaf, UxnBit) || uxnTable);
        }
        else
        {
            // One privilege level: AP[1] is RES1 (ignored here), bit 54 is XN, bit 53 and PXNTable are RES0, and
            // only APTable[1] has a meaning.
            if ((apTable & 2) != 0)
                pw = false;
            px = !(Bit(leaf, UxnBit) || uxnTable);
        }
        if (wxn)
        {
            // SCTLR.WXN: a location writable at a level is execute-never at that level.
            px &= !pw;
            ux &= !uw;
        }
        return Flags(pr, pw, px, ur, uw, ux);
    }

    /// <summary>
    /// Stage-2 permissions of a leaf: S2AP[0] (bit 6) allows reads, S2AP[1] (bit 7) writes, and bit 54 forbids
    /// execution at both EL1 and EL0 (the FEAT_XNX split through bit 53 is not modelled).
    /// </summary>
    internal static PagePermissions Stage2(ulong leaf)
    {
        bool r = Bit(leaf, 6), w = Bit(leaf, 7), x = !Bit(leaf, UxnBit);
        return Flags(r, w, x, r, w, x);
    }

    /// <summary>
    /// Whether <paramref name="permissions"/> allow one access. PAN (when <paramref name="pan"/> is set) forbids
    /// privileged data accesses to memory that stage 1 lets EL0 read (<paramref name="el0Readable"/>); it never
    /// affects instruction fetches or unprivileged accesses. FEAT_PAN3 (EPAN) is not modelled.
    /// </summary>
    internal static bool Allows(PagePermissions permissions, bool el0Readable, AccessKind kind, bool unprivileged, bool pan)
    {
        if (unprivileged)
        {
            return kind switch
            {
                AccessKind.Read => (permissions & PagePermissions.UserRead) != 0,
                AccessKind.Write => (permissions & PagePermissions.UserWrite) != 0,
                _ => (permissions & PagePermissions.UserExecute) != 0,
            };
        }
        if (kind == AccessKind.Execute)
            return (permissions & PagePermissions.PrivilegedExecute) != 0;
        if (pan && el0Readable)
            return false;
        return (permissions & (kind == AccessKind.Read ? PagePermissions.PrivilegedRead : PagePermissions.PrivilegedWrite)) != 0;
    }

    static bool Bit(ulong value, int bit) => ((value >> bit) & 1) != 0;

    static PagePermissions Flags(bool pr, bool pw, bool px, bool ur, bool uw, bool ux) =>
        (pr ? PagePermissions.PrivilegedRead : 0) | (pw ? PagePermissions.PrivilegedWrite : 0)
        | (px ? PagePermissions.PrivilegedExecute : 0) | (ur ? PagePermissions.UserRead : 0)
        | (uw ? PagePermissions.UserWrite : 0) | (ux ? PagePermissions.UserExecute : 0);
}
