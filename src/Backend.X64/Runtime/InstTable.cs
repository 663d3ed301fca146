using A64Jit.IR;

namespace A64Jit.Backend.X64;

/// <summary>
/// IR instructions that compiled code hands to the generic helper, by a number emitted as an immediate.
/// Append-only chunks so helpers on any thread read without a lock while a compiler appends.
/// </summary>
public static class InstTable
{
    const int ChunkBits = 12;
    const int ChunkSize = 1 << ChunkBits;
    const int MaxChunks = 1 << 14;

    static readonly Inst[]?[] chunks = new Inst[MaxChunks][];
    static int count;
    static readonly Lock gate = new();

    /// <summary>Registers an instruction and returns its number.</summary>
    public static int Add(Inst inst)
    {
        lock (gate)
        {
            int id = count;
            int chunk = id >> ChunkBits;
            if (chunk >= MaxChunks)
                throw new InvalidOperationException("the generic-helper instruction table is full");
            chunks[chunk] ??= new Inst[ChunkSize];
            chunks[chunk]![id & (ChunkSize - 1)] = inst;
            Volatile.Write(ref count, id + 1);
            return id;
        }
    }

    public static Inst Get(int id) => chunks[id >> ChunkBits]![id & (ChunkSize - 1)];

    public static int Count => Volatile.Read(ref count);
}
