namespace A64Jit.Tests.Fuzz;

/// <summary>The architectural state the fuzzer sets before and compares after one instruction.</summary>
public sealed class MachineState
{
    public const ulong CodeAddress = 0x10000;
    public const ulong DataAddress = 0x100000;
    public const int DataSize = 0x8000;

    public ulong[] X = new ulong[31];
    public ulong Sp;
    public ulong Pc;
    public uint Nzcv;
    public UInt128[] V = new UInt128[32];
    public uint Fpsr;
    public uint Fpcr;
    public byte[] Data = new byte[DataSize];

    /// <summary>A random start state: edge values, small numbers and pointers into the data window.</summary>
    /// <param name="fastData">Fill the data window from a xorshift generator seeded by <paramref name="r"/>
    /// (the seeded <see cref="System.Random"/> makes bytes one at a time, which dominates a fast executor's time).</param>
    public static MachineState Random(Random r, bool fastData = false)
    {
        var s = new MachineState { Pc = CodeAddress, Nzcv = (uint)r.Next(16) << 28 };
        for (int i = 0; i < 31; i++)
            s.X[i] = RandomValue(r);
        s.Sp = DataAddress + DataSize / 4 + (ulong)r.Next(DataSize / 2) & ~15UL;
        for (int i = 0; i < 32; i++)
            s.V[i] = new UInt128(RandomValue(r), RandomValue(r));
        if (fastData)
            FillXorshift(s.Data, (ulong)r.NextInt64() | 1);
        else
            r.NextBytes(s.Data);
        return s;
    }

    static void FillXorshift(byte[] data, ulong x)
    {
        var words = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ulong>(data.AsSpan());
        for (int i = 0; i < words.Length; i++)
        {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            words[i] = x;
        }
    }

    static readonly ulong[] Edges =
    [
        0, 1, 2, 0x7F, 0x80, 0xFF, 0x7FFF, 0x8000, 0xFFFF, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF, 0x1_0000_0000,
        0x7FFF_FFFF_FFFF_FFFF, 0x8000_0000_0000_0000, ulong.MaxValue, ulong.MaxValue - 1,
    ];

    static ulong RandomValue(Random r) => r.Next(5) switch
    {
        0 => Edges[r.Next(Edges.Length)],
        1 => (ulong)r.Next(-64, 64),
        2 => DataAddress + DataSize / 4 + (ulong)r.Next(DataSize / 2),
        _ => (ulong)r.NextInt64() ^ ((ulong)r.Next() << 63),
    };

    public MachineState Clone()
    {
        var c = (MachineState)MemberwiseClone();
        c.X = (ulong[])X.Clone();
        c.V = (UInt128[])V.Clone();
        c.Data = (byte[])Data.Clone();
        return c;
    }

    /// <summary>Lines naming what differs from another state, empty when equal.</summary>
    public List<string> Diff(MachineState o)
    {
        var d = new List<string>();
        for (int i = 0; i < 31; i++)
            if (X[i] != o.X[i]) d.Add($"x{i}: 0x{X[i]:x} vs 0x{o.X[i]:x}");
        if (Sp != o.Sp) d.Add($"sp: 0x{Sp:x} vs 0x{o.Sp:x}");
        if (Pc != o.Pc) d.Add($"pc: 0x{Pc:x} vs 0x{o.Pc:x}");
        if (Nzcv != o.Nzcv) d.Add($"nzcv: 0x{Nzcv >> 28:x} vs 0x{o.Nzcv >> 28:x}");
        for (int i = 0; i < 32; i++)
            if (V[i] != o.V[i]) d.Add($"v{i}: 0x{V[i]:x32} vs 0x{o.V[i]:x32}");
        if (Fpsr != o.Fpsr) d.Add($"fpsr: 0x{Fpsr:x} vs 0x{o.Fpsr:x}");
        if (!Data.AsSpan().SequenceEqual(o.Data))
            for (int i = 0; i < Data.Length; i++)
                if (Data[i] != o.Data[i])
                {
                    d.Add($"memory 0x{DataAddress + (ulong)i:x}: 0x{Data[i]:x2} vs 0x{o.Data[i]:x2} (first difference)");
                    break;
                }
        return d;
    }
}
