using System.Reflection;

namespace A64Jit.Runtime.Linux;

/// <summary>The system calls a64jit implements, by number, gathered from the [Syscall] methods of <see cref="Syscalls"/>.</summary>
public static class SyscallTable
{
    public sealed record Entry(int Number, string Name, SyscallHandler Handler);

    static readonly Dictionary<int, Entry> entries = typeof(Syscalls)
        .GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)
        .Select(m => (Method: m, Attr: m.GetCustomAttribute<SyscallAttribute>()))
        .Where(x => x.Attr is not null)
        .ToDictionary(x => x.Attr!.Number, x => new Entry(x.Attr!.Number, x.Attr.Name, x.Method.CreateDelegate<SyscallHandler>()));

    public static Entry? Find(int number) => entries.GetValueOrDefault(number);

    public static IReadOnlyCollection<Entry> All => entries.Values;

    /// <summary>Names of well-known AArch64 syscalls we do not implement, for the one-time warning.</summary>
    public static string NameOf(int number) => entries.TryGetValue(number, out var e) ? e.Name : UnimplementedNames.GetValueOrDefault(number, "unknown");

    static readonly Dictionary<int, string> UnimplementedNames = new()
    {
        [0] = "io_setup", [5] = "setxattr", [19] = "eventfd2", [20] = "epoll_create1", [21] = "epoll_ctl", [22] = "epoll_pwait",
        [26] = "inotify_init1", [32] = "flock", [33] = "mknodat", [36] = "symlinkat", [37] = "linkat", [38] = "renameat",
        [40] = "mount", [43] = "statfs", [44] = "fstatfs", [46] = "ftruncate", [47] = "fallocate", [51] = "chroot",
        [52] = "fchmod", [53] = "fchmodat", [54] = "fchownat", [55] = "fchown", [71] = "sendfile", [72] = "pselect6",
        [73] = "ppoll", [74] = "signalfd4", [76] = "splice", [81] = "sync", [82] = "fsync", [83] = "fdatasync",
        [88] = "utimensat", [90] = "capget", [97] = "unshare", [102] = "getitimer", [103] = "setitimer",
        [117] = "ptrace", [118] = "sched_setparam", [119] = "sched_setscheduler", [120] = "sched_getscheduler",
        [122] = "sched_setaffinity", [123] = "sched_getaffinity", [140] = "setpriority", [141] = "getpriority",
        [142] = "reboot", [143] = "setregid", [144] = "setgid", [145] = "setreuid", [146] = "setuid", [147] = "setresuid",
        [148] = "getresuid", [149] = "setresgid", [150] = "getresgid", [153] = "times", [154] = "setpgid", [155] = "getpgid",
        [156] = "getsid", [157] = "setsid", [158] = "getgroups", [159] = "setgroups", [161] = "sethostname",
        [198] = "socket", [199] = "socketpair", [200] = "bind", [201] = "listen", [202] = "accept", [203] = "connect",
        [204] = "getsockname", [205] = "getpeername", [206] = "sendto", [207] = "recvfrom", [208] = "setsockopt",
        [209] = "getsockopt", [210] = "shutdown", [211] = "sendmsg", [212] = "recvmsg", [232] = "mincore", [234] = "remap_file_pages",
        [235] = "mbind", [242] = "accept4", [243] = "recvmmsg", [276] = "renameat2", [279] = "memfd_create", [280] = "bpf",
        [281] = "execveat", [283] = "membarrier", [285] = "copy_file_range", [424] = "pidfd_send_signal", [434] = "pidfd_open",
        [436] = "close_range", [437] = "openat2", [439] = "faccessat2",
    };
}
