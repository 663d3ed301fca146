using System.Runtime.InteropServices;
using A64Jit.IR;

namespace A64Jit.Backend.X64;

/// <summary>
/// The managed side of one guest CPU running compiled code: what helpers need (the guest context, an
/// interpreter for opcodes without an emitter) and what they leave behind when they fail (the guest
/// fault, or a host exception that must not unwind through emitted frames). Compiled code reaches it
/// through the GCHandle in <see cref="JitContext.Owner"/>.
/// </summary>
public sealed unsafe class JitThread : IDisposable
{
    GCHandle handle;

    public IGuestContext Guest { get; }
    public JitContext* Context { get; }
    public IrInterpreter Interpreter { get; } = new();

    /// <summary>Physically tagged mode: this CPU's jump tables by translation key, and the translation epoch they hold.</summary>
    public Dictionary<uint, nint> JumpTables { get; } = [];
    public long JumpTableEpoch { get; set; } = -1;
    public uint JumpTableKey { get; set; } = uint.MaxValue;

    /// <summary>The cache flush count this context's return stack belongs to (-1: never entered).</summary>
    public int SeenFlushes { get; set; } = -1;

    /// <summary>The guest fault a helper raised; the runtime takes it after a <see cref="JitExit.Fault"/> exit.</summary>
    public GuestFault? Fault { get; set; }

    /// <summary>A host exception a helper caught (a bug, never a guest's doing); rethrown by the runtime.</summary>
    public Exception? Crash { get; set; }

    public JitThread(IGuestContext guest, JitContext* context)
    {
        Guest = guest;
        Context = context;
        handle = GCHandle.Alloc(this, GCHandleType.Weak);
        context->Owner = GCHandle.ToIntPtr(handle);
    }

    public static JitThread Of(JitContext* context) => (JitThread)GCHandle.FromIntPtr(context->Owner).Target!;

    /// <summary>Records a helper's failure so compiled code leaves the block as a fault.</summary>
    public void Fail(Exception e)
    {
        if (e is GuestFault fault)
            Fault = fault;
        else
            Crash = e;
        Context->HelperStatus = 1;
    }

    public void Dispose()
    {
        if (handle.IsAllocated)
        {
            Context->Owner = 0;
            handle.Free();
        }
    }
}
