using A64Jit.Backend.X64;

namespace A64Jit.Tests.Backend;

public unsafe class ExecutableMemoryTests
{
    // mov eax, 42; ret
    static readonly byte[] Return42 = [0xB8, 0x2A, 0x00, 0x00, 0x00, 0xC3];
    // mov eax, 7; ret
    static readonly byte[] Return7 = [0xB8, 0x07, 0x00, 0x00, 0x00, 0xC3];

    [Test]
    public void CodeWrittenThroughTheWritableViewRunsThroughTheExecutableView()
    {
        using var memory = new ExecutableMemory(1 << 20);
        nint code = memory.Allocate(Return42);
        Assert.That(code, Is.EqualTo(memory.ExecutableBase));
        Assert.That(((delegate* unmanaged<ulong>)code)(), Is.EqualTo(42UL));
    }

    [Test]
    public void AllocationsAreAlignedAndDistinct()
    {
        using var memory = new ExecutableMemory(1 << 20);
        nint a = memory.Allocate(Return42);
        nint b = memory.Allocate(Return7);
        Assert.That((long)(b - a), Is.EqualTo(16L));
        Assert.That(((delegate* unmanaged<ulong>)a)(), Is.EqualTo(42UL));
        Assert.That(((delegate* unmanaged<ulong>)b)(), Is.EqualTo(7UL));
    }

    [Test]
    public void ResetStartsAgainAndBumpsTheGeneration()
    {
        using var memory = new ExecutableMemory(1 << 20);
        memory.Allocate(Return42);
        memory.Reset();
        Assert.That(memory.Generation, Is.EqualTo(1));
        Assert.That(memory.Used, Is.Zero);
        nint code = memory.Allocate(Return7);
        Assert.That(code, Is.EqualTo(memory.ExecutableBase));
        Assert.That(((delegate* unmanaged<ulong>)code)(), Is.EqualTo(7UL));
    }

    [Test]
    public void AFullCacheFlushesAndCarriesOn()
    {
        int page = Environment.SystemPageSize;
        using var memory = new ExecutableMemory(page);
        for (int i = 0; i < page / 16; i++)
            memory.Allocate(Return42);
        Assert.That(memory.TryAllocate(Return7, out _), Is.False);
        nint code = memory.Allocate(Return7);
        Assert.That(memory.Generation, Is.EqualTo(1));
        Assert.That(((delegate* unmanaged<ulong>)code)(), Is.EqualTo(7UL));
    }
}
