namespace A64Jit.Runtime.Machine;

/// <summary>A device's register frame on the physical bus; offsets are from the frame's base, sizes are 1, 2, 4 or 8 bytes.</summary>
public interface IMmioDevice
{
    ulong Read(ulong offset, int size);
    void Write(ulong offset, int size, ulong value);
}
