using A64Jit.IR;
using static Iced.Intel.AssemblerRegisters;

namespace A64Jit.Backend.X64;

/// <summary>
/// Opcodes without an emitter of their own: compiled code calls the interpreter's semantics for the one
/// instruction, with its operands and result in the frame. Slow, but the same answer by construction.
/// </summary>
public sealed partial class X64Compiler
{
    void EmitGeneric(Inst inst)
    {
        int id = InstTable.Add(inst);
        // Also after opcodes that cannot raise a guest fault: a host exception in the helper (a bug)
        // must not go unnoticed, so it leaves the block the same way and the runtime rethrows it.
        EmitHelperCall(JitHelpers.Evaluate, () =>
        {
            asm.mov(esi, id);
            asm.mov(rdx, rsp);
        }, LiveAcross(inst), FaultExit());
    }

    /// <summary>
    /// Calls a helper: caller-saved registers holding live values saved around it, the context in rdi,
    /// the other arguments loaded by <paramref name="loadArguments"/>; leaves through
    /// <paramref name="fault"/> when the helper failed.
    /// </summary>
    void EmitHelperCall(nint helper, Action loadArguments, List<(Inst Value, Iced.Intel.AssemblerRegister64 Register)> live, Iced.Intel.Label fault)
    {
        SaveLive(live);
        asm.mov(rdi, Context);
        loadArguments();
        CallHelper(helper);
        RestoreLive(live);
        asm.cmp(__dword_ptr[Context + ContextLayout.HelperStatus], 0);
        asm.jne(fault);
    }

    /// <summary>A slow path at the end of the block: from <paramref name="slow"/>, call the helper, then back to <paramref name="done"/>.</summary>
    /// <paramref name="afterCall"/> runs after the call on the way back (e.g. storing the helper's result).
    void OutOfLineHelperCall(Inst inst, Iced.Intel.Label slow, Iced.Intel.Label done, nint helper, Action loadArguments, Action? afterCall = null)
    {
        var fault = FaultExit();
        var live = LiveAcross(inst);
        outOfLine.Add(() =>
        {
            asm.Label(ref slow);
            EmitHelperCall(helper, loadArguments, live, fault);
            afterCall?.Invoke();
            asm.jmp(done);
        });
    }

    /// <summary>Whether the instruction is evaluated by the generic helper (its operands and result go through the frame).</summary>
    static bool IsHelperCall(Inst inst) =>
        !HasEmitter(inst.Op)
        || (inst.Op is Opcode.GetX or Opcode.SetX && inst.Aux > 30)
        || (inst.Op == Opcode.Select && inst.Type == IrType.U128)
        || (IsSimdWithEmitter(inst.Op) && !CanEmitSimd(inst))
        || (inst.Op is Opcode.FpBinary or Opcode.FpTernary or Opcode.FpUnary && !CanEmitFloatingPoint(inst));

    static bool IsSimdWithEmitter(Opcode op) =>
        op is Opcode.VecGetElement or Opcode.VecSetElement or Opcode.VecDup or Opcode.VecBinary or Opcode.VecUnary
            or Opcode.VecTableLookup or Opcode.VecSatBinary;

    /// <summary>Calls a helper; rsp is 16-byte aligned in the block body, as the ABI wants.</summary>
    void CallHelper(nint helper)
    {
        asm.mov(rax, helper);
        asm.call(rax);
    }
}
