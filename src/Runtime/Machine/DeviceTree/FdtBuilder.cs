using System.Buffers.Binary;
using System.Text;

namespace A64Jit.Runtime.Machine.DeviceTree;

/// <summary>
/// Writes a flattened devicetree blob (the DTB format of the Devicetree Specification, version 17):
/// header, an empty memory reservation block, the structure block (nodes and properties, big-endian,
/// 4-byte aligned) and the strings block with each property name once.
/// </summary>
public sealed class FdtBuilder
{
    const uint Magic = 0xD00D_FEED;
    const uint BeginNode = 1, EndNode = 2, Prop = 3, End = 9;

    readonly MemoryStream structure = new();
    readonly MemoryStream strings = new();
    readonly Dictionary<string, int> stringOffsets = [];
    int depth;

    public FdtBuilder BeginNodeNamed(string name)
    {
        Token(BeginNode);
        Bytes(Encoding.ASCII.GetBytes(name + "\0"));
        Align();
        depth++;
        return this;
    }

    public FdtBuilder EndNodeHere()
    {
        if (depth == 0)
            throw new InvalidOperationException("no open node to end");
        Token(EndNode);
        depth--;
        return this;
    }

    public FdtBuilder Property(string name, ReadOnlySpan<byte> value)
    {
        Token(Prop);
        Token((uint)value.Length);
        Token((uint)NameOffset(name));
        Bytes(value);
        Align();
        return this;
    }

    public FdtBuilder Empty(string name) => Property(name, []);

    public FdtBuilder Cells(string name, params uint[] cells)
    {
        var bytes = new byte[cells.Length * 4];
        for (int i = 0; i < cells.Length; i++)
            BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(i * 4), cells[i]);
        return Property(name, bytes);
    }

    /// <summary>64-bit values as pairs of cells (what #address-cells = #size-cells = 2 expect).</summary>
    public FdtBuilder Quads(string name, params ulong[] values) =>
        Cells(name, values.SelectMany(v => new[] { (uint)(v >> 32), (uint)v }).ToArray());

    public FdtBuilder String(string name, string value) => Property(name, Encoding.ASCII.GetBytes(value + "\0"));

    public FdtBuilder Strings(string name, params string[] values) =>
        Property(name, Encoding.ASCII.GetBytes(string.Concat(values.Select(v => v + "\0"))));

    /// <summary>The finished blob (every node must have been ended).</summary>
    public byte[] Build(uint bootCpu = 0)
    {
        if (depth != 0)
            throw new InvalidOperationException($"{depth} node(s) still open");
        Token(End);
        const int headerSize = 40, reservationSize = 16;
        int structOffset = headerSize + reservationSize;
        int stringsOffset = structOffset + (int)structure.Length;
        int total = stringsOffset + (int)strings.Length;
        var blob = new byte[(total + 7) & ~7];
        var h = blob.AsSpan();
        BinaryPrimitives.WriteUInt32BigEndian(h[0..], Magic);
        BinaryPrimitives.WriteUInt32BigEndian(h[4..], (uint)blob.Length);
        BinaryPrimitives.WriteUInt32BigEndian(h[8..], (uint)structOffset);
        BinaryPrimitives.WriteUInt32BigEndian(h[12..], (uint)stringsOffset);
        BinaryPrimitives.WriteUInt32BigEndian(h[16..], headerSize);          // memory reservation block
        BinaryPrimitives.WriteUInt32BigEndian(h[20..], 17);                  // version
        BinaryPrimitives.WriteUInt32BigEndian(h[24..], 16);                  // last compatible version
        BinaryPrimitives.WriteUInt32BigEndian(h[28..], bootCpu);
        BinaryPrimitives.WriteUInt32BigEndian(h[32..], (uint)strings.Length);
        BinaryPrimitives.WriteUInt32BigEndian(h[36..], (uint)structure.Length);
        // The reservation block is one terminating (0, 0) entry.
        structure.ToArray().CopyTo(blob, structOffset);
        strings.ToArray().CopyTo(blob, stringsOffset);
        return blob;
    }

    int NameOffset(string name)
    {
        if (!stringOffsets.TryGetValue(name, out int offset))
        {
            offset = (int)strings.Length;
            stringOffsets[name] = offset;
            strings.Write(Encoding.ASCII.GetBytes(name + "\0"));
        }
        return offset;
    }

    void Token(uint value)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(b, value);
        structure.Write(b);
    }

    void Bytes(ReadOnlySpan<byte> b) => structure.Write(b);

    void Align()
    {
        while (structure.Length % 4 != 0)
            structure.WriteByte(0);
    }
}
