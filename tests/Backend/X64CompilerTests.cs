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
        Assert.That(X64Disassembler.Format(code!, withAddresses: false), Is.EqualTo(Lines(
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
        Assert.That(X64Disassembler.Format(code!, withAddresses: false), Is.EqualTo(Lines(
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
    public void BlocksWithMemoryOrExceptionsAreRefused()
    {
        var block = new Block(0x1000);
        var b = new IrBuilder(block);
        b.Emit(Opcode.Load64, b.U64(0x8000));
        block.Terminal = new Terminal.Link(0x1004);
        Assert.That(X64Compiler.Compile(block), Is.Null);

        var svc = new Block(0x1000) { Terminal = new Terminal.Exception(ExceptionKind.SupervisorCall, 0x1000, 0x1004, 0) };
        Assert.That(X64Compiler.Compile(svc), Is.Null);
    }

    static string Lines(params string[] lines) => string.Concat(lines.Select(l => l + Environment.NewLine));
}
