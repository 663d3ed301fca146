namespace A64Jit.IR;

/// <summary>CRC32 (polynomial 0x04C11DB7) and CRC32C (0x1EDC6F41), bit-reflected as the A64 CRC32 instructions define them.</summary>
public static class Crc
{
    static readonly uint[] crc32Table = MakeTable(0xEDB8_8320);
    static readonly uint[] crc32cTable = MakeTable(0x82F6_3B78);

    /// <summary>Folds the low <paramref name="bytes"/> bytes of <paramref name="value"/> into <paramref name="acc"/>.</summary>
    public static uint Update(uint acc, ulong value, int bytes, bool castagnoli)
    {
        var table = castagnoli ? crc32cTable : crc32Table;
        for (int i = 0; i < bytes; i++)
        {
            acc = table[(acc ^ (byte)value) & 0xFF] ^ (acc >> 8);
            value >>= 8;
        }
        return acc;
    }

    static uint[] MakeTable(uint reflectedPoly)
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            uint c = i;
            for (int k = 0; k < 8; k++)
                c = (c & 1) != 0 ? (c >> 1) ^ reflectedPoly : c >> 1;
            table[i] = c;
        }
        return table;
    }
}
