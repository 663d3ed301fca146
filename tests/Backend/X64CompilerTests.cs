using A64Jit.Backend.X64;
using A64Jit.IR;

namespace A64Jit.Tests.Backend;

/// <summary>Golden disassembly of small blocks, and which blocks the backend refuses.</summary>
public class X64CompilerTests
{
    [Test]
    public void AddOfTwoRegistersLinks()
    {
        var block = new Block(0x1000) { GuestInstructionCount = 1, EndPc = 0x1004 };
        var b = new IrBuilder(block);
        b.EmitWithAux(Opcode.InstStart, 0x1000);
        var x1 = b.EmitWithAux(Opcode.GetX, 1);
        var x2 = b.EmitWithAux(Opcode.GetX, 2);
        var sum = b.Emit(Opcode.Add64, x1, x2);
        b.EmitWithAux(Opcode.SetX, 0, sum);
        block.Terminal = new Terminal.Link(0x1004);

        var code = X64Compiler.Compile(block);
        Assert.That(code, Is.Not.Null);
        Assert.That(X64Disassembler.Format(code!.Code, withAddresses: false), Is.EqualTo(Lines(
            "push    r15",
            "mov     r15,rdi",
            "sub     rsp,30h",
            "mov     rax,[r15+8]",
            "mov     [rsp+8],rax",
            "mov     rax,[r15+10h]",
            "mov     [rsp+10h],rax",
            "mov     rax,[rsp+8]",
            "mov     rcx,[rsp+10h]",
            "add     rax,rcx",
            "mov     [rsp+18h],rax",
            "mov     rax,[rsp+18h]",
            "mov     [r15],rax",
            "mov     rax,1004h",
            "add     rsp,30h",
            "pop     r15",
            "ret")));
    }

    [Test]
    public void ConditionalTerminalPicksATarget()
    {
        var block = new Block(0x2000) { GuestInstructionCount = 1, EndPc = 0x2004 };
        var b = new IrBuilder(block);
        var nzcv = b.Emit(Opcode.GetNzcv);
        var eq = b.EmitWithAux(Opcode.ConditionHolds, 0, nzcv);
        block.Terminal = new Terminal.If(eq, new Terminal.Link(0x3000), new Terminal.Link(0x2004));

        var code = X64Compiler.Compile(block);
        Assert.That(X64Disassembler.Format(code!.Code, withAddresses: false), Is.EqualTo(Lines(
            "push    r15",
            "mov     r15,rdi",
            "sub     rsp,10h",
            "mov     eax,[r15+108h]",
            "mov     [rsp],rax",
            "mov     eax,[rsp]",
            "shr     eax,1Eh",
            "and     eax,1",
            "mov     [rsp+8],rax",
            "mov     ecx,[rsp+8]",
            "test    ecx,ecx",
            "je      short 0000000000000038h",
            "mov     rax,3000h",
            "jmp     short 0000000000000042h",
            "mov     rax,2004h",
            "add     rsp,10h",
            "pop     r15",
            "ret")));
    }

    [Test]
    public void BlocksWithMoreValuesThanTheFrameAreRefused()
    {
        var block = new Block(0x1000) { GuestInstructionCount = 1, EndPc = 0x1004 };
        var b = new IrBuilder(block);
        var sum = b.EmitWithAux(Opcode.GetX, 1);
        for (int i = 0; i < X64Compiler.MaxValues; i++)
            sum = b.Emit(Opcode.Add64, sum, sum);
        b.EmitWithAux(Opcode.SetX, 0, sum);
        block.Terminal = new Terminal.Link(0x1004);
        Assert.That(X64Compiler.Compile(block), Is.Null);
    }

    [Test]
    public void EveryDirectTargetGetsALinkSlot()
    {
        var block = new Block(0x2000) { GuestInstructionCount = 1, EndPc = 0x2004 };
        var b = new IrBuilder(block);
        var eq = b.EmitWithAux(Opcode.ConditionHolds, 0, b.Emit(Opcode.GetNzcv));
        block.Terminal = new Terminal.If(eq, new Terminal.Link(0x3000), new Terminal.Link(0x2004));
        var code = X64Compiler.Compile(block)!;
        Assert.That(code.Links.Select(l => l.Target), Is.EqualTo(new ulong[] { 0x3000, 0x2004 }));
        Assert.That(code.Links.Select(l => l.SiteOffset), Is.EqualTo(new[] { 0, X64Compiler.LinkSlotSize }));
        Assert.That(code.EntryOffset, Is.EqualTo(2 * X64Compiler.LinkSlotSize));
        foreach (var link in code.Links)
        {
            // Until linked, each slot jumps to its own unlinked path.
            Assert.That(code.Code[link.SiteOffset], Is.EqualTo(0xE9));
            Assert.That(BitConverter.ToInt32(code.Code, link.SiteOffset + 1), Is.EqualTo(link.UnlinkedOffset - (link.SiteOffset + 5)));
        }
    }

    static string Lines(params string[] lines) => string.Concat(lines.Select(l => l + Environment.NewLine));
}
