using System.Runtime.InteropServices;
using System.Text;

namespace A64Jit.Runtime.Linux;

// posix_spawn, for the programs a guest's vfork child executes.
internal static unsafe partial class HostLibc
{
    [LibraryImport("libc", EntryPoint = "posix_spawn")] private static partial int PosixSpawn(int* pid, byte* path, void* fileActions, void* attr, byte** argv, byte** envp);
    [LibraryImport("libc", EntryPoint = "posix_spawnattr_init")] private static partial int SpawnattrInit(void* attr);
    [LibraryImport("libc", EntryPoint = "posix_spawnattr_destroy")] private static partial int SpawnattrDestroy(void* attr);
    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setflags")] private static partial int SpawnattrSetflags(void* attr, short flags);
    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setsigmask")] private static partial int SpawnattrSetsigmask(void* attr, void* mask);
    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setsigdefault")] private static partial int SpawnattrSetsigdefault(void* attr, void* mask);
    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setpgroup")] private static partial int SpawnattrSetpgroup(void* attr, int pgroup);

    const short SpawnSetpgroup = 0x02, SpawnSetsigdef = 0x04, SpawnSetsigmask = 0x08, SpawnSetsid = 0x80;

    /// <summary>What the child gets besides its program, arguments and environment.</summary>
    public sealed record SpawnAttributes(ulong SignalMask, ulong SignalsToDefault, bool NewSession, int? ProcessGroup);

    /// <summary>Starts a host program with the current descriptors; its pid, or -errno.</summary>
    public static long Spawn(string path, IReadOnlyList<string> argv, IReadOnlyList<string> envp, SpawnAttributes attributes)
    {
        var pinned = new List<GCHandle>();
        byte* Str(string s)
        {
            var h = GCHandle.Alloc(Encoding.UTF8.GetBytes(s + "\0"), GCHandleType.Pinned);
            pinned.Add(h);
            return (byte*)h.AddrOfPinnedObject();
        }
        byte** Vec(IReadOnlyList<string> strings)
        {
            var v = new nint[strings.Count + 1];
            for (int i = 0; i < strings.Count; i++)
                v[i] = (nint)Str(strings[i]);
            var h = GCHandle.Alloc(v, GCHandleType.Pinned);
            pinned.Add(h);
            return (byte**)h.AddrOfPinnedObject();
        }
        // posix_spawnattr_t is 336 bytes in glibc; sigset_t is 128.
        byte* attr = stackalloc byte[1024];
        ulong* mask = stackalloc ulong[16], defaults = stackalloc ulong[16];
        new Span<ulong>(mask, 16).Clear();
        new Span<ulong>(defaults, 16).Clear();
        mask[0] = attributes.SignalMask;
        defaults[0] = attributes.SignalsToDefault;
        try
        {
            SpawnattrInit(attr);
            short flags = SpawnSetsigmask | SpawnSetsigdef;
            if (attributes.NewSession)
                flags |= SpawnSetsid;
            if (attributes.ProcessGroup is int pg)
            {
                flags |= SpawnSetpgroup;
                SpawnattrSetpgroup(attr, pg);
            }
            SpawnattrSetflags(attr, flags);
            SpawnattrSetsigmask(attr, mask);
            SpawnattrSetsigdefault(attr, defaults);
            int pid;
            int r = PosixSpawn(&pid, Str(path), null, attr, Vec(argv), Vec(envp));
            SpawnattrDestroy(attr);
            return r != 0 ? -r : pid;
        }
        finally
        {
            foreach (var h in pinned)
                h.Free();
        }
    }
}
