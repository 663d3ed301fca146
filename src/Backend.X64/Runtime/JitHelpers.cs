using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace A64Jit.Backend.X64;

/// <summary>
/// Functions compiled code calls (SysV, the context first). They never let an exception unwind into
/// emitted code: a failure is recorded on the <see cref="JitThread"/> and flagged in
/// <see cref="JitContext.HelperStatus"/>, which the caller checks.
/// </summary>
public static unsafe class JitHelpers
{
    /// <summary>Helper entry points for <c>mov rax, imm64; call rax</c>. Every one may raise a guest fault and clobbers the caller-saved registers.</summary>
    public static readonly nint ReadMemory = (nint)(delegate* unmanaged<JitContext*, ulong, int, ulong>)&ReadMemoryHelper;
    public static readonly nint WriteMemory = (nint)(delegate* unmanaged<JitContext*, ulong, ulong, int, void>)&WriteMemoryHelper;
    public static readonly nint Read128 = (nint)(delegate* unmanaged<JitContext*, ulong, UInt128*, void>)&Read128Helper;
    public static readonly nint Write128 = (nint)(delegate* unmanaged<JitContext*, ulong, UInt128*, void>)&Write128Helper;
    public static readonly nint Evaluate = (nint)(delegate* unmanaged<JitContext*, int, byte*, void>)&EvaluateHelper;

    [UnmanagedCallersOnly]
    static ulong ReadMemoryHelper(JitContext* ctx, ulong address, int size)
    {
        var thread = JitThread.Of(ctx);
        try
        {
            var g = thread.Guest;
            return size switch
            {
                1 => g.Read8(address),
                2 => g.Read16(address),
                4 => g.Read32(address),
                _ => g.Read64(address),
            };
        }
        catch (Exception e)
        {
            thread.Fail(e);
            return 0;
        }
    }

    [UnmanagedCallersOnly]
    static void WriteMemoryHelper(JitContext* ctx, ulong address, ulong value, int size)
    {
        var thread = JitThread.Of(ctx);
        try
        {
            var g = thread.Guest;
            switch (size)
            {
                case 1: g.Write8(address, (byte)value); break;
                case 2: g.Write16(address, (ushort)value); break;
                case 4: g.Write32(address, (uint)value); break;
                default: g.Write64(address, value); break;
            }
        }
        catch (Exception e)
        {
            thread.Fail(e);
        }
    }

    [UnmanagedCallersOnly]
    static void Read128Helper(JitContext* ctx, ulong address, UInt128* destination)
    {
        var thread = JitThread.Of(ctx);
        try
        {
            Unsafe.WriteUnaligned(destination, thread.Guest.Read128(address));
        }
        catch (Exception e)
        {
            thread.Fail(e);
        }
    }

    [UnmanagedCallersOnly]
    static void Write128Helper(JitContext* ctx, ulong address, UInt128* source)
    {
        var thread = JitThread.Of(ctx);
        try
        {
            thread.Guest.Write128(address, Unsafe.ReadUnaligned<UInt128>(source));
        }
        catch (Exception e)
        {
            thread.Fail(e);
        }
    }

    /// <summary>Runs one IR instruction (registered in <see cref="InstTable"/>) on its operands in the frame, through the interpreter's semantics.</summary>
    [UnmanagedCallersOnly]
    static void EvaluateHelper(JitContext* ctx, int id, byte* frame)
    {
        var thread = JitThread.Of(ctx);
        try
        {
            thread.Interpreter.EvaluateInFrame(InstTable.Get(id), thread.Guest, frame, 16);
        }
        catch (Exception e)
        {
            thread.Fail(e);
        }
    }

}
