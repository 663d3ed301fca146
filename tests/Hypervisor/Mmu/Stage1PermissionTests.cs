using A64Jit.Hypervisor.Mmu;

namespace A64Jit.Tests.Hypervisor.Mmu;

/// <summary>
/// AP[2:1], UXN/PXN, WXN, PAN and the hierarchical APTable/PXNTable/UXNTable (el2.md 6.4; Arm ARM
/// AArch64.S1DirectBasePermissions). VA 0x1000 is mapped by one L3 page under 4K, T0SZ=25 tables
/// (L1 table at Root → L2 table → L3 table); table attributes sit on the L1 entry unless a test says otherwise.
/// </summary>
[TestFixture]
public class Stage1PermissionTests
{
    const ulong Root = 0x1000_0000, Va = 0x1000, Pa = 0x4000_1000;

    static FakePhysicalMemory Map(ulong page, ulong l1Table = 0, ulong l2Table = 0)
    {
        var mem = new FakePhysicalMemory();
        mem.Entry(Root, 0, Pte.Table(0x1000_1000) | l1Table);
        mem.Entry(0x1000_1000, 0, Pte.Table(0x1000_2000) | l2Table);
        mem.Entry(0x1000_2000, 1, page);
        return mem;
    }

    /// <summary>APTable[62:61], PXNTable[59], UXNTable[60] as bits to OR into a table descriptor.</summary>
    static ulong TableAttrs(uint apTable = 0, bool pxnTable = false, bool uxnTable = false) =>
        Pte.Table(0, apTable, pxnTable, uxnTable) & ~0b11UL;

    static Stage1Regime El10(bool wxn = false, bool hpd = false) =>
        Stage1Regime.El10(Pte.Sctlr(wxn: wxn), Pte.TcrEl1(t0sz: 25, hpd0: hpd), Root, 0, 0xFF);

    static Stage1Regime El2(bool wxn = false) => Stage1Regime.El2(Pte.Sctlr(wxn: wxn), Pte.TcrEl2(t0sz: 25), Root, 0xFF);

    static bool Allowed(Stage1Regime s1, FakePhysicalMemory mem, AccessKind kind, bool unprivileged = false, bool pan = false)
    {
        var r = PageTableWalker.Translate(s1, Va, kind, unprivileged, pan, mem);
        if (r.Success)
        {
            Assert.That(r.PhysicalAddress, Is.EqualTo(Pa));
            return true;
        }
        Assert.That((r.Fault.Kind, r.Fault.Level, FaultStatus.Code(r.Fault)), Is.EqualTo((FaultKind.Permission, 3, (byte)0x0F)),
            "every refusal here is a level-3 permission fault, whatever level the table attribute came from");
        return false;
    }

    static (bool PrivRead, bool PrivWrite, bool UserRead, bool UserWrite) Data(Stage1Regime s1, FakePhysicalMemory mem) =>
        (Allowed(s1, mem, AccessKind.Read), Allowed(s1, mem, AccessKind.Write),
         Allowed(s1, mem, AccessKind.Read, unprivileged: true), Allowed(s1, mem, AccessKind.Write, unprivileged: true));

    static (bool Priv, bool User) Exec(Stage1Regime s1, FakePhysicalMemory mem) =>
        (Allowed(s1, mem, AccessKind.Execute), Allowed(s1, mem, AccessKind.Execute, unprivileged: true));

    [TestCase(0b00u, true, true, false, false, TestName = "AP=00: privileged RW, EL0 none")]
    [TestCase(0b01u, true, true, true, true, TestName = "AP=01: privileged RW, EL0 RW")]
    [TestCase(0b10u, true, false, false, false, TestName = "AP=10: privileged RO, EL0 none")]
    [TestCase(0b11u, true, false, true, false, TestName = "AP=11: privileged RO, EL0 RO")]
    public void DataAccessPermissions(uint ap, bool pr, bool pw, bool ur, bool uw) =>
        Assert.That(Data(El10(), Map(Pte.Page(Pa, ap: ap))), Is.EqualTo((pr, pw, ur, uw)));

    [TestCase(0b00u, false, false, true, true, TestName = "AP=00: both execute (EL0 needs no data access to execute)")]
    [TestCase(0b00u, false, true, true, false, TestName = "UXN: EL0 may not execute")]
    [TestCase(0b00u, true, false, false, true, TestName = "PXN: the privileged level may not execute")]
    [TestCase(0b01u, false, false, false, true, TestName = "AP=01: EL0-writable memory is implicitly PXN")]
    [TestCase(0b11u, false, false, true, true, TestName = "AP=11: EL0 read-only memory stays executable at both")]
    public void ExecutePermissions(uint ap, bool pxn, bool uxn, bool px, bool ux) =>
        Assert.That(Exec(El10(), Map(Pte.Page(Pa, ap: ap, pxn: pxn, uxn: uxn))), Is.EqualTo((px, ux)));

    [TestCase(0b00u, false, true, TestName = "WXN, AP=00: privileged-writable, so not privileged-executable")]
    [TestCase(0b10u, true, true, TestName = "WXN, AP=10: read-only, executable")]
    [TestCase(0b01u, false, false, TestName = "WXN, AP=01: EL0-writable, so not EL0-executable (and implicitly PXN)")]
    [TestCase(0b11u, true, true, TestName = "WXN, AP=11: read-only everywhere, executable everywhere")]
    public void WriteImpliesExecuteNever(uint ap, bool px, bool ux) =>
        Assert.That(Exec(El10(wxn: true), Map(Pte.Page(Pa, ap: ap))), Is.EqualTo((px, ux)));

    [Test(Description = "PAN forbids privileged data accesses to EL0-accessible pages, not EL0 accesses, not fetches")]
    public void Pan()
    {
        var el0Rw = Map(Pte.Page(Pa, ap: 0b01));
        Assert.That(Allowed(El10(), el0Rw, AccessKind.Read, pan: false), Is.True);
        Assert.That(Allowed(El10(), el0Rw, AccessKind.Read, pan: true), Is.False);
        Assert.That(Allowed(El10(), el0Rw, AccessKind.Write, pan: true), Is.False);
        Assert.That(Allowed(El10(), el0Rw, AccessKind.Write, unprivileged: true, pan: true), Is.True);

        var el0Ro = Map(Pte.Page(Pa, ap: 0b11));
        Assert.That(Allowed(El10(), el0Ro, AccessKind.Read, pan: true), Is.False);
        Assert.That(Allowed(El10(), el0Ro, AccessKind.Execute, pan: true), Is.True);

        var privOnly = Map(Pte.Page(Pa, ap: 0b00));
        Assert.That(Allowed(El10(), privOnly, AccessKind.Write, pan: true), Is.True);
    }

    [Test(Description = "the result keeps the permissions before PAN and whether EL0 can access the page")]
    public void ResultCarriesRawPermissions()
    {
        var r = PageTableWalker.Translate(El10(), Va, AccessKind.Read, false, false, Map(Pte.Page(Pa, ap: 0b01, uxn: true)));
        Assert.That(r.Permissions, Is.EqualTo(PagePermissions.PrivilegedRead | PagePermissions.PrivilegedWrite
            | PagePermissions.UserRead | PagePermissions.UserWrite));
        Assert.That(r.El0Accessible, Is.True);
        Assert.That(r.Permits(AccessKind.Write, unprivileged: false, pan: false), Is.True);
        Assert.That(r.Permits(AccessKind.Write, unprivileged: false, pan: true), Is.False);
        Assert.That(r.Permits(AccessKind.Write, unprivileged: true, pan: true), Is.True);
        Assert.That(r.Permits(AccessKind.Execute, unprivileged: true, pan: false), Is.False);

        var ro = PageTableWalker.Translate(El10(), Va, AccessKind.Read, false, true, Map(Pte.Page(Pa, ap: 0b10)));
        Assert.That((ro.Success, ro.El0Accessible), Is.EqualTo((true, false)));
        Assert.That(ro.Permits(AccessKind.Write, false, false), Is.False);
        var fault = ro.PermissionFault(Va + 8, AccessKind.Write, false, false);
        Assert.That((fault.Kind, fault.Level, fault.Stage2, FaultStatus.Code(fault)), Is.EqualTo((FaultKind.Permission, 3, false, (byte)0x0F)));
        Assert.That(ro.PermissionFault(Va + 8, AccessKind.Read, false, true).IsFault, Is.False);
    }

    [Test(Description = "APTable=01: no EL0 access below; the page is then not EL0-accessible for PAN, and no longer EL0-writable, so not implicitly PXN")]
    public void ApTableNoEl0()
    {
        var mem = Map(Pte.Page(Pa, ap: 0b01), l1Table: TableAttrs(apTable: 0b01));
        Assert.That(Data(El10(), mem), Is.EqualTo((true, true, false, false)));
        Assert.That(Allowed(El10(), mem, AccessKind.Read, pan: true), Is.True);
        Assert.That(Exec(El10(), mem), Is.EqualTo((true, true)));
    }

    [Test(Description = "APTable=10: no write access below, at any level")]
    public void ApTableReadOnly()
    {
        Assert.That(Data(El10(), Map(Pte.Page(Pa, ap: 0b01), l1Table: TableAttrs(apTable: 0b10))), Is.EqualTo((true, false, true, false)));
        Assert.That(Data(El10(), Map(Pte.Page(Pa, ap: 0b00), l2Table: TableAttrs(apTable: 0b10))), Is.EqualTo((true, false, false, false)));
    }

    [Test(Description = "APTable=11, or 01 at one level and 10 at the next: privileged read-only, no EL0 access")]
    public void ApTableBoth()
    {
        var expected = (true, false, false, false);
        Assert.That(Data(El10(), Map(Pte.Page(Pa, ap: 0b01), l1Table: TableAttrs(apTable: 0b11))), Is.EqualTo(expected));
        Assert.That(Data(El10(), Map(Pte.Page(Pa, ap: 0b01), TableAttrs(apTable: 0b01), TableAttrs(apTable: 0b10))), Is.EqualTo(expected));
    }

    [Test(Description = "PXNTable and UXNTable force PXN and UXN below")]
    public void ExecuteNeverTables()
    {
        Assert.That(Exec(El10(), Map(Pte.Page(Pa), l1Table: TableAttrs(pxnTable: true))), Is.EqualTo((false, true)));
        Assert.That(Exec(El10(), Map(Pte.Page(Pa), l2Table: TableAttrs(uxnTable: true))), Is.EqualTo((true, false)));
    }

    [Test(Description = "TCR.HPD0=1: APTable, PXNTable and UXNTable are ignored")]
    public void HierarchicalPermissionsDisabled()
    {
        ulong attrs = TableAttrs(apTable: 0b11, pxnTable: true, uxnTable: true);
        Assert.That(Data(El10(hpd: true), Map(Pte.Page(Pa, ap: 0b01), l1Table: attrs)), Is.EqualTo((true, true, true, true)));
        Assert.That(Exec(El10(hpd: true), Map(Pte.Page(Pa, ap: 0b00), l1Table: attrs)), Is.EqualTo((true, true)));
    }

    [Test(Description = "EL2 (E2H=0): AP[2] alone decides write, there is no EL0 and so no PAN")]
    public void El2DataPermissions()
    {
        var rw = Map(Pte.Page(Pa, ap: 0b01));
        Assert.That(Data(El2(), rw), Is.EqualTo((true, true, false, false)));
        Assert.That(Allowed(El2(), rw, AccessKind.Write, pan: true), Is.True);
        Assert.That(Data(El2(), Map(Pte.Page(Pa, ap: 0b11))), Is.EqualTo((true, false, false, false)));
        Assert.That(Data(El2(), Map(Pte.Page(Pa, ap: 0b10))), Is.EqualTo((true, false, false, false)));
    }

    [Test(Description = "EL2 (E2H=0): bit 54 is XN, bit 53 is RES0; AP=01 is not implicitly execute-never")]
    public void El2Execute()
    {
        Assert.That(Allowed(El2(), Map(Pte.Page(Pa, ap: 0b01)), AccessKind.Execute), Is.True);
        Assert.That(Allowed(El2(), Map(Pte.Page(Pa, uxn: true)), AccessKind.Execute), Is.False);
        Assert.That(Allowed(El2(), Map(Pte.Page(Pa, pxn: true)), AccessKind.Execute), Is.True);
        Assert.That(Allowed(El2(wxn: true), Map(Pte.Page(Pa, ap: 0b00)), AccessKind.Execute), Is.False);
        Assert.That(Allowed(El2(wxn: true), Map(Pte.Page(Pa, ap: 0b10)), AccessKind.Execute), Is.True);
    }

    [Test(Description = "EL2 (E2H=0): only APTable[1] and XNTable (bit 60) count; APTable[0] and PXNTable (bit 59) are RES0")]
    public void El2TableAttributes()
    {
        Assert.That(Allowed(El2(), Map(Pte.Page(Pa), l1Table: TableAttrs(apTable: 0b10)), AccessKind.Write), Is.False);
        Assert.That(Allowed(El2(), Map(Pte.Page(Pa), l1Table: TableAttrs(apTable: 0b01)), AccessKind.Write), Is.True);
        Assert.That(Allowed(El2(), Map(Pte.Page(Pa), l1Table: TableAttrs(uxnTable: true)), AccessKind.Execute), Is.False);
        Assert.That(Allowed(El2(), Map(Pte.Page(Pa), l1Table: TableAttrs(pxnTable: true)), AccessKind.Execute), Is.True);
    }
}
