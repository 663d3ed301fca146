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
        [0] = "io_setup", [5] = "setxattr", [20] = "epoll_create1", [21] = "epoll_ctl", [22] = "epoll_pwait",
        [26] = "inotify_init1", [40] = "mount", [51] = "chroot", [69] = "preadv", [70] = "pwritev", [74] = "signalfd4",
        [76] = "splice", [85] = "timerfd_create", [86] = "timerfd_settime", [87] = "timerfd_gettime", [90] = "capget",
        [97] = "unshare", [107] = "timer_create", [108] = "timer_gettime", [109] = "timer_getoverrun",
        [110] = "timer_settime", [111] = "timer_delete", [112] = "clock_settime", [117] = "ptrace", [118] = "sched_setparam",
        [119] = "sched_setscheduler", [120] = "sched_getscheduler", [121] = "sched_getparam",
        [125] = "sched_get_priority_max", [126] = "sched_get_priority_min", [127] = "sched_rr_get_interval",
        [128] = "restart_syscall", [138] = "rt_sigqueueinfo", [142] = "reboot", [143] = "setregid", [144] = "setgid",
        [145] = "setreuid", [146] = "setuid", [147] = "setresuid", [149] = "setresgid", [159] = "setgroups",
        [161] = "sethostname", [170] = "settimeofday", [171] = "adjtimex", [198] = "socket", [199] = "socketpair",
        [200] = "bind", [201] = "listen", [202] = "accept", [203] = "connect", [204] = "getsockname", [205] = "getpeername",
        [206] = "sendto", [207] = "recvfrom", [208] = "setsockopt", [209] = "getsockopt", [210] = "shutdown",
        [211] = "sendmsg", [212] = "recvmsg", [232] = "mincore", [234] = "remap_file_pages", [235] = "mbind",
        [240] = "rt_tgsigqueueinfo", [241] = "perf_event_open", [242] = "accept4", [243] = "recvmmsg", [280] = "bpf",
        [281] = "execveat", [282] = "userfaultfd", [283] = "membarrier", [286] = "preadv2", [287] = "pwritev2",
        [424] = "pidfd_send_signal", [425] = "io_uring_setup", [426] = "io_uring_enter", [427] = "io_uring_register",
        [434] = "pidfd_open", [436] = "close_range", [437] = "openat2", [441] = "epoll_pwait2", [449] = "futex_waitv",
    };
}
