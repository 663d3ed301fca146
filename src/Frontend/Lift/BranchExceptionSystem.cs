using A64Jit.IR;

namespace A64Jit.Frontend.Lifting;

// C4.1.87 Branches, Exception Generating and System instructions: the branches and the exception
// generating instructions. Hints, barriers, PSTATE and system-register moves are in System.cs.
// HVC, SMC and ERET end the block for the system slow path (at EL0 in user mode they are UNDEFINED there).
// Not lifted (UNDEF): DCPS1-3, DRPS, and the PAuth branches (PAuth is not implemented).
public sealed partial class Lifter
{
    [Handler] void B(uint i) => End(new Terminal.Link(pc + (ulong)SignExtend(i << 2, 28)));

    [Handler]
    void BL(uint i)
    {
        X(30, ir.U64(NextPc));
        End(new Terminal.Link(pc + (ulong)SignExtend(i << 2, 28), BranchKind.Call));
    }

    [Handler]
    void B_cond(uint i, uint c) =>
        End(new Terminal.If(ConditionHolds(c), new Terminal.Link(pc + (ulong)SignExtend(i << 2, 21)), new Terminal.Link(NextPc)));

    [Handler] void CBZ(uint z, uint i, uint t) => CompareAndBranch(z, i, t, branchIfZero: true);
    [Handler] void CBNZ(uint z, uint i, uint t) => CompareAndBranch(z, i, t, branchIfZero: false);

    void CompareAndBranch(uint sf, uint imm19, uint t, bool branchIfZero)
    {
        var zero = IsZero(X(t, sf == 1 ? 64 : 32));
        var taken = new Terminal.Link(pc + (ulong)SignExtend(imm19 << 2, 21));
        var notTaken = new Terminal.Link(NextPc);
        End(branchIfZero ? new Terminal.If(zero, taken, notTaken) : new Terminal.If(zero, notTaken, taken));
    }

    [Handler] void TBZ(uint b, uint c, uint i, uint t) => TestAndBranch(b, c, i, t, branchIfZero: true);
    [Handler] void TBNZ(uint b, uint c, uint i, uint t) => TestAndBranch(b, c, i, t, branchIfZero: false);

    void TestAndBranch(uint b5, uint b40, uint imm14, uint t, bool branchIfZero)
    {
        int bit = (int)((b5 << 5) | b40);
        var zero = IsZero(And(X(t, 64), ir.U64(1UL << bit)));
        var taken = new Terminal.Link(pc + (ulong)SignExtend(imm14 << 2, 16));
        var notTaken = new Terminal.Link(NextPc);
        End(branchIfZero ? new Terminal.If(zero, taken, notTaken) : new Terminal.If(zero, notTaken, taken));
    }

    [Handler] void BR(uint n) => End(new Terminal.Indirect(X(n, 64), BranchKind.Jump));

    [Handler]
    void BLR(uint n)
    {
        // The target is read before X30 is written: BLR X30 jumps to the old X30.
        var target = X(n, 64);
        X(30, ir.U64(NextPc));
        End(new Terminal.Indirect(target, BranchKind.Call));
    }

    [Handler] void RET(uint n) => End(new Terminal.Indirect(X(n, 64), BranchKind.Return));

    // SVC returns to the next instruction; BRK and HLT report their own address.
    [Handler] void SVC(uint i) => End(new Terminal.Exception(ExceptionKind.SupervisorCall, pc, NextPc, i));
    [Handler] void BRK(uint i) => End(new Terminal.Exception(ExceptionKind.Breakpoint, pc, pc, i));

    /// <summary>UDF #imm: always UNDEFINED (the immediate is for the software that catches it).</summary>
    [Handler] void UDF(uint i) => Undefined();
    [Handler] void HVC(uint i) => End(new Terminal.Exception(ExceptionKind.HypervisorCall, pc, NextPc, i));
    [Handler] void SMC(uint i) => End(new Terminal.Exception(ExceptionKind.SecureMonitorCall, pc, NextPc, i));
    [Handler] void ERET() => End(new Terminal.Exception(ExceptionKind.ExceptionReturn, pc, pc, 0));
    [Handler] void HLT(uint i) => End(new Terminal.Exception(ExceptionKind.Halt, pc, pc, i));
}
