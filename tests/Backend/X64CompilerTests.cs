using A64Jit.Backend.X64;
using A64Jit.IR;

namespace A64Jit.Tests.Backend;

/// <summary>
/// Golden disassembly of small blocks (link slots first, then the entry check, the body with values in
/// allocated registers, the terminal and the out-of-line exits), link-slot layout, and refusal of blocks
/// too big for the frame.
/// </summary>
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
            "jmp     0000000000000031h",
            "int3",
            "int3",
            "int3",
            "cmp     dword [r15+370h],0",
            "jne     near 0000000000000049h",
            "add     qword [r15+128h],1",
            "mov     r8,[r15+8]",
            "mov     r9,[r15+10h]",
            "add     r8,r9",
            "mov     [r15],r8",
            "jmp     0",
            "mov     rax,1004h",
            "mov     [r15+100h],rax",
            "jmp     qword [r15+358h]",
            "mov     rax,1000h",
            "mov     [r15+100h],rax",
            "mov     eax,1",
            "jmp     qword [r15+360h]")));
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
            "jmp     000000000000004Bh",
            "int3",
            "int3",
            "int3",
            "jmp     0000000000000068h",
            "int3",
            "int3",
            "int3",
            "cmp     dword [r15+370h],0",
            "jne     near 0000000000000080h",
            "add     qword [r15+128h],1",
            "mov     r8d,[r15+108h]",
            "mov     eax,r8d",
            "shr     eax,1Eh",
            "and     eax,1",
            "mov     r8,rax",
            "mov     ecx,r8d",
            "test    ecx,ecx",
            "je      near 0000000000000063h",
            "jmp     0",
            "mov     rax,3000h",
            "mov     [r15+100h],rax",
            "jmp     qword [r15+358h]",
            "jmp     8",
            "mov     rax,2004h",
            "mov     [r15+100h],rax",
            "jmp     qword [r15+358h]",
            "mov     rax,2000h",
            "mov     [r15+100h],rax",
            "mov     eax,1",
            "jmp     qword [r15+360h]")));
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
