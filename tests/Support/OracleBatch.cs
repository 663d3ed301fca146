using System.Text;

namespace A64Jit.Tests.Support;

/// <summary>
/// Packs many small cases into few snippets for <see cref="QemuOracle"/>: each case loads its inputs
/// (x0..x2, and NZCV through x29), runs its instructions writing one or two result registers from
/// the pool x3..x27, and every snippet is compared with qemu register by register.
/// The snippet carries a comment per case naming its result registers, for the failure message.
/// </summary>
public sealed class OracleBatch
{
    const int FirstResult = 3, LastResult = 27;
    readonly StringBuilder body = new();
    int next = FirstResult;
    int label;
    public int Snippets { get; private set; }
    public int Cases { get; private set; }

    /// <summary>MOVZ/MOVK lines that load a 64-bit constant.</summary>
    public static string Mov(string reg, ulong value)
    {
        var sb = new StringBuilder($"movz {reg}, #0x{value & 0xFFFF:x}\n");
        for (int shift = 16; shift < 64; shift += 16)
            if (((value >> shift) & 0xFFFF) != 0)
                sb.Append($"movk {reg}, #0x{(value >> shift) & 0xFFFF:x}, lsl #{shift}\n");
        return sb.ToString();
    }

    /// <summary>
    /// Adds a case. <paramref name="code"/> may use {d} (the first result register, x form), {w} (its
    /// w form), {e} (a second result register) and {L} (a label unique to this case).
    /// <paramref name="nzcv"/>, when given, is loaded into NZCV (bits 31..28) just before the code.
    /// </summary>
    public void Case(string code, ulong x0 = 0, ulong x1 = 0, ulong x2 = 0, uint? nzcv = null, bool flags = false)
    {
        int needed = flags ? 2 : code.Contains("{e}") ? 2 : 1;
        if (next + needed - 1 > LastResult)
            Flush();
        int d = next, e = next + 1;
        next += needed;
        label++;
        var text = code.Replace("{d}", $"x{d}").Replace("{w}", $"w{d}").Replace("{e}", $"x{e}").Replace("{L}", $"L{label}");
        body.Append($"// x{d}{(needed > 1 ? $", x{e}" : "")}: {text.Replace('\n', ';')} x0=0x{x0:x} x1=0x{x1:x} x2=0x{x2:x}{(nzcv is uint f ? $" nzcv=0x{f:x}" : "")}\n");
        body.Append(Mov("x0", x0)).Append(Mov("x1", x1)).Append(Mov("x2", x2));
        if (nzcv is uint flagsIn)
            body.Append(Mov("x29", flagsIn)).Append("msr nzcv, x29\n");
        body.Append(text).Append('\n');
        if (flags)
            body.Append($"mrs x{e}, nzcv\n");
        Cases++;
    }

    /// <summary>Runs the pending cases under both engines and compares.</summary>
    public void Flush()
    {
        if (next == FirstResult)
            return;
        // Clear the scratch registers so they compare equal whatever the last case left.
        body.Append("mov x0, #0\nmov x1, #0\nmov x2, #0\nmov x29, #0\nbrk #0\n");
        QemuOracle.AssertSameAsQemu(body.ToString());
        body.Clear();
        next = FirstResult;
        Snippets++;
    }
}
