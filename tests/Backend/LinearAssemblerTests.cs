using A64Jit.Backend.X64;
using Iced.Intel;
using static Iced.Intel.AssemblerRegisters;

namespace A64Jit.Tests.Backend;

/// <summary>
/// The one-pass encoder the compiler uses instead of Iced's block encoder: forward and backward branches,
/// RIP-relative operands and data land where Iced's own encoder puts them, and what it cannot place is refused.
/// </summary>
public class LinearAssemblerTests
{
    [Test]
    public void PlacesLabelsBranchesAndRipRelativeOperandsLikeIced()
    {
        var asm = new Assembler(64) { PreferShortBranch = false };
        var top = asm.CreateLabel();
        var data = asm.CreateLabel();
        var done = asm.CreateLabel();
        asm.Label(ref top);
        asm.cmp(rax, 5);
        asm.jne(done);
        asm.lea(rcx, __[data]);
        asm.cmp(__qword_ptr[data], 0x12);
        asm.call(top);
        asm.jmp(top);
        asm.Label(ref data);
        asm.dq(0x1122_3344_5566_7788UL);
        asm.Label(ref done);
        asm.ret();

        var fast = LinearAssembler.TryAssemble(asm.Instructions);
        Assert.That(fast, Is.Not.Null);
        var stream = new MemoryStream();
        var iced = asm.Assemble(new StreamCodeWriter(stream), 0, BlockEncoderOptions.ReturnNewInstructionOffsets | BlockEncoderOptions.DontFixBranches);
        Assert.That(fast!.Code, Is.EqualTo(stream.ToArray()));
        foreach (var label in new[] { top, data, done })
            Assert.That(fast.Offset(label), Is.EqualTo((int)iced.GetLabelRIP(label)));
        Assert.That(BitConverter.ToUInt64(fast.Code, fast.Offset(data)), Is.EqualTo(0x1122_3344_5566_7788UL));
    }

    [Test]
    public void RefusesShortBranchesAndTargetsOutsideTheBlock()
    {
        var shortBranch = new Assembler(64);
        var l = shortBranch.CreateLabel();
        shortBranch.jmp(l);
        shortBranch.Label(ref l);
        shortBranch.ret();
        Assert.That(LinearAssembler.TryAssemble(shortBranch.Instructions), Is.Null, "a rel8 jmp");

        var outside = new Assembler(64) { PreferShortBranch = false };
        outside.call(0x7000_0000UL);
        outside.ret();
        Assert.That(LinearAssembler.TryAssemble(outside.Instructions), Is.Null, "an absolute call target");
    }
}
