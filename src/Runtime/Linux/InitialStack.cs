using System.Buffers.Binary;
using System.Text;
using A64Jit.Runtime.Memory;

namespace A64Jit.Runtime.Linux;

/// <summary>
/// Builds the stack a new Linux process starts with (as fs/binfmt_elf.c create_elf_tables lays it out):
/// from SP upwards argc, argv[], NULL, envp[], NULL, auxv pairs ending in AT_NULL; the strings,
/// the platform name and AT_RANDOM's 16 bytes above them.
/// </summary>
public static class InitialStack
{
    public const ulong AtNull = 0, AtPhdr = 3, AtPhent = 4, AtPhnum = 5, AtPagesz = 6, AtBase = 7, AtFlags = 8, AtEntry = 9,
        AtUid = 11, AtEuid = 12, AtGid = 13, AtEgid = 14, AtPlatform = 15, AtHwcap = 16, AtClktck = 17, AtSecure = 23,
        AtRandom = 25, AtHwcap2 = 26, AtExecfn = 31, AtMinsigstksz = 51;

    public sealed record Inputs(
        IReadOnlyList<string> Argv, IReadOnlyList<string> Envp, string ExecFn,
        ulong PhdrAddress, int PhdrCount, ulong Entry, ulong HwCap, ulong HwCap2);

    /// <summary>Writes the initial stack below <paramref name="top"/> and returns the initial SP.</summary>
    public static ulong Build(GuestMemory memory, ulong top, Inputs inputs)
    {
        ulong p = top;
        ulong PushBytes(ReadOnlySpan<byte> bytes)
        {
            p -= (ulong)bytes.Length;
            memory.WriteBytes(p, bytes);
            return p;
        }
        ulong PushString(string s) => PushBytes(Encoding.UTF8.GetBytes(s + "\0"));

        ulong execfn = PushString(inputs.ExecFn);
        var envAddrs = inputs.Envp.Select(PushString).ToList();
        var argAddrs = inputs.Argv.Select(PushString).ToList();
        ulong platform = PushString("aarch64");
        var random = new byte[16];
        System.Security.Cryptography.RandomNumberGenerator.Fill(random);
        ulong randomAddr = PushBytes(random);

        var aux = new List<(ulong, ulong)>
        {
            (AtPhdr, inputs.PhdrAddress), (AtPhent, 56), (AtPhnum, (ulong)inputs.PhdrCount),
            (AtPagesz, GuestMemory.PageSize), (AtBase, 0), (AtFlags, 0), (AtEntry, inputs.Entry),
            (AtUid, (ulong)HostLibc.GetUid()), (AtEuid, (ulong)HostLibc.GetEuid()),
            (AtGid, (ulong)HostLibc.GetGid()), (AtEgid, (ulong)HostLibc.GetEgid()),
            (AtPlatform, platform), (AtHwcap, inputs.HwCap), (AtClktck, 100), (AtSecure, 0),
            (AtRandom, randomAddr), (AtHwcap2, inputs.HwCap2), (AtExecfn, execfn),
            (AtMinsigstksz, SignalFrame.MinSigStackSize), (AtNull, 0),
        };
        int words = 1 + argAddrs.Count + 1 + envAddrs.Count + 1 + aux.Count * 2;
        p = (p - (ulong)words * 8) & ~15UL;
        ulong sp = p;
        var table = new byte[words * 8];
        int w = 0;
        void Word(ulong v) => BinaryPrimitives.WriteUInt64LittleEndian(table.AsSpan(8 * w++), v);
        Word((ulong)argAddrs.Count);
        argAddrs.ForEach(Word);
        Word(0);
        envAddrs.ForEach(Word);
        Word(0);
        foreach (var (k, v) in aux)
        {
            Word(k);
            Word(v);
        }
        memory.WriteBytes(sp, table);
        return sp;
    }
}
