using A64Jit.IR;
using A64Jit.Runtime.Linux;
using A64Jit.Tests.Support;

namespace A64Jit.Tests.Runtime.Linux;

[TestFixture]
public class MemorySyscallTests
{
    [Test(Description = "brk grows and shrinks the heap in pages above the program; a query returns the break")]
    public void Brk()
    {
        using var h = new SyscallHarness();
        var mem = h.Process.Memory;
        ulong start = (ulong)h.Call(214, 0);
        Assert.That(start, Is.EqualTo(h.Process.BrkStart));
        ulong grown = (ulong)h.Call(214, start + 0x5000);
        Assert.That(grown, Is.EqualTo(start + 0x5000));
        mem.Write64(start + 0x4000, 42);
        Assert.That(mem.Read64(start + 0x4000), Is.EqualTo(42UL));
        Assert.That((ulong)h.Call(214, start), Is.EqualTo(start));
        Assert.Throws<GuestFault>(() => mem.Write64(GuestMemoryAlignUp(start) + 0x1000, 1));
    }

    static ulong GuestMemoryAlignUp(ulong a) => (a + 0xFFF) & ~0xFFFUL;

    [Test(Description = "mmap anonymous memory reads as zero; mprotect to read-only makes writes fault; munmap makes reads fault")]
    public void MmapProtectUnmap()
    {
        using var h = new SyscallHarness();
        var mem = h.Process.Memory;
        long a = h.Call(222, 0, 0x3000, 3, 0x22, ulong.MaxValue, 0);
        Assert.That(a, Is.GreaterThan(0));
        ulong at = (ulong)a;
        Assert.That(at % 4096, Is.Zero);
        Assert.That(mem.Read64(at + 0x2FF8), Is.Zero);
        mem.Write64(at, 7);
        Assert.That(h.Call(226, at, 0x1000, 1), Is.Zero); // PROT_READ
        Assert.That(mem.Read64(at), Is.EqualTo(7UL));
        Assert.That(Assert.Throws<GuestFault>(() => mem.Write64(at, 1))!.Kind, Is.EqualTo(GuestFaultKind.Permission));
        Assert.That(h.Call(215, at, 0x3000), Is.Zero);
        Assert.That(Assert.Throws<GuestFault>(() => mem.Read64(at + 0x1000))!.Kind, Is.EqualTo(GuestFaultKind.Unmapped));
        Assert.That(h.Call(215, at + 1, 0x1000), Is.EqualTo(-Errno.EINVAL));
        Assert.That(h.Call(222, 0, 0, 3, 0x22, ulong.MaxValue, 0), Is.EqualTo(-Errno.EINVAL), "zero length");
        long fixedAt = h.Call(222, 0x7000_0000, 0x1000, 3, 0x32, ulong.MaxValue, 0); // MAP_FIXED
        Assert.That(fixedAt, Is.EqualTo(0x7000_0000));
        Assert.That(h.Call(222, 0x7000_0000, 0x1000, 3, 0x100022, ulong.MaxValue, 0), Is.EqualTo(-Errno.EEXIST), "MAP_FIXED_NOREPLACE over a mapping");
    }

    [Test(Description = "a bad pointer passed to a syscall is -EFAULT, not a signal")]
    public void BadPointerIsEfault()
    {
        using var h = new SyscallHarness();
        Assert.That(h.Call(64, 1, 0xdead_0000, 4), Is.EqualTo(-Errno.EFAULT));
        Assert.That(h.Call(160, 0x10), Is.EqualTo(-Errno.EFAULT));
    }
}

[TestFixture]
public class FileMappingTests
{
    [Test(Description = "MAP_SHARED writes reach the file and a private mapping not yet written; private writes do not; munmap leaves anonymous memory")]
    public void SharedAndPrivateFileMappings()
    {
        using var h = new SyscallHarness();
        var mem = h.Process.Memory;
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, Enumerable.Repeat((byte)'a', 8192).ToArray());
            long fd = h.Call(56, unchecked((ulong)-100), h.String(path), 2, 0); // O_RDWR
            ulong sh = (ulong)h.Call(222, 0, 8192, 3, 0x01, (ulong)fd, 0);  // MAP_SHARED
            ulong pv = (ulong)h.Call(222, 0, 8192, 3, 0x02, (ulong)fd, 0);  // MAP_PRIVATE
            Assert.That((long)sh, Is.GreaterThan(0));
            Assert.That((long)pv, Is.GreaterThan(0));
            mem.Write8(sh, (byte)'S');
            Assert.That(mem.Read8(pv), Is.EqualTo((byte)'S'), "an unwritten private page follows the file");
            mem.Write8(pv + 1, (byte)'P');
            Assert.That(h.Call(227, sh, 8192, 4), Is.Zero); // msync(MS_SYNC)
            var bytes = File.ReadAllBytes(path);
            Assert.That((char)bytes[0], Is.EqualTo('S'));
            Assert.That((char)bytes[1], Is.EqualTo('a'), "private writes stay private");
            Assert.That(h.Call(215, sh, 8192), Is.Zero);
            Assert.That((ulong)h.Call(222, sh, 8192, 3, 0x32, ulong.MaxValue, 0), Is.EqualTo(sh)); // anonymous MAP_FIXED there
            Assert.That(mem.Read8(sh), Is.Zero);
            mem.Write8(sh, (byte)'Z');
            Assert.That((char)File.ReadAllBytes(path)[0], Is.EqualTo('S'), "the old file mapping is gone");
            h.Call(57, (ulong)fd);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test(Description = "a read-only descriptor maps shared read-only (mprotect to write is EACCES, a writable shared map too); pages past the end of the file read as zero")]
    public void ReadOnlyAndPastEof()
    {
        using var h = new SyscallHarness();
        var mem = h.Process.Memory;
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, Enumerable.Repeat((byte)'r', 100).ToArray());
            long fd = h.Call(56, unchecked((ulong)-100), h.String(path), 0, 0); // O_RDONLY
            Assert.That(h.Call(222, 0, 4096, 3, 0x01, (ulong)fd, 0), Is.EqualTo(-Errno.EACCES));
            ulong ro = (ulong)h.Call(222, 0, 3 * 4096, 1, 0x01, (ulong)fd, 0);
            Assert.That((long)ro, Is.GreaterThan(0));
            Assert.That(mem.Read8(ro + 99), Is.EqualTo((byte)'r'));
            Assert.That(mem.Read8(ro + 100), Is.Zero);
            Assert.That(mem.Read8(ro + 2 * 4096 + 5), Is.Zero, "past the end of the file");
            Assert.That(h.Call(226, ro, 4096, 3), Is.EqualTo(-Errno.EACCES));
            h.Call(57, (ulong)fd);
        }
        finally
        {
            File.Delete(path);
        }
    }
}

[TestFixture]
public class CodeInvalidationTests
{
    [Test(Description = "regression: code rewritten while its page was RW (W^X), then made RX again, ran the stale translation")]
    public void MprotectDropsStaleTranslations()
    {
        using var h = new SyscallHarness();
        ulong page = (ulong)h.Call(222, 0, 4096, 7, 0x22, ulong.MaxValue, 0); // RWX
        uint Movz(int imm) => 0xD2800000u | ((uint)imm << 5);                 // movz x0, #imm
        void Code(int imm)
        {
            var b = new byte[8];
            BitConverter.TryWriteBytes(b, Movz(imm));
            BitConverter.TryWriteBytes(b.AsSpan(4), 0xD4200000u);                 // brk #0
            h.Process.Memory.WriteBytes(page, b);
        }
        ulong Run()
        {
            h.Main.State.Pc = page;
            h.Process.Engine.Step(h.Main.Context);
            return h.Main.State.X[0];
        }
        Code(1);
        Assert.That(Run(), Is.EqualTo(1UL));
        Assert.That(h.Call(226, page, 4096, 3), Is.Zero); // RW
        Code(2);
        Assert.That(h.Call(226, page, 4096, 5), Is.Zero); // RX
        Assert.That(Run(), Is.EqualTo(2UL));
    }
}
