namespace A64Jit.Frontend.Decoding;

/// <summary>
/// DecodeBitMasks() from the Arm pseudocode: the masks of logical immediates and bitfield moves.
/// The decode table uses it to tell reserved logical immediates, the lifter to build the constants.
/// </summary>
public static class BitMasks
{
    /// <summary>(wmask, tmask), or null when the encoding is reserved (UNDEFINED).</summary>
    public static (ulong WMask, ulong TMask)? Decode(uint n, uint imms, uint immr, bool immediate, int width)
    {
        int len = 31 - System.Numerics.BitOperations.LeadingZeroCount((n << 6) | (~imms & 0x3F));
        if (len < 1)
            return null;
        int levels = (1 << len) - 1;
        if (immediate && (imms & levels) == levels)
            return null;
        int s = (int)(imms & levels), r = (int)(immr & levels);
        int diff = (s - r) & levels;
        int esize = 1 << len;
        if (esize > width)
            return null;
        ulong welem = Ones(s + 1), telem = Ones(diff + 1);
        welem = RotateRight(welem, r, esize);
        return (Replicate(welem, esize, width), Replicate(telem, esize, width));
    }

    /// <summary>Ones(n): the low n bits set.</summary>
    public static ulong Ones(int n) => n >= 64 ? ulong.MaxValue : (1UL << n) - 1;

    /// <summary>ROR(v, amount) within an element of esize bits.</summary>
    public static ulong RotateRight(ulong v, int amount, int esize)
    {
        if (amount == 0)
            return v;
        ulong mask = Ones(esize);
        return ((v >> amount) | (v << (esize - amount))) & mask;
    }

    /// <summary>Replicate(element, width / esize).</summary>
    public static ulong Replicate(ulong element, int esize, int width)
    {
        ulong result = 0;
        for (int i = 0; i < width; i += esize)
            result |= element << i;
        return width == 64 ? result : result & Ones(width);
    }
}
