namespace A64Jit.Runtime.Memory;

/// <summary>The guest-visible state of one 4 KiB page.</summary>
[Flags]
public enum PageFlags : byte
{
    None = 0,
    Read = 1,
    Write = 2,
    Execute = 4,
    /// <summary>The page is mapped (possibly with no access, as PROT_NONE).</summary>
    Mapped = 8,
}
