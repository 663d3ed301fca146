namespace A64Jit.Runtime.Linux;

/// <summary>Linux errno values (the same on AArch64 and x86-64).</summary>
public static class Errno
{
    public const long EPERM = 1, ENOENT = 2, ESRCH = 3, EINTR = 4, EIO = 5, EBADF = 9, ECHILD = 10, EAGAIN = 11,
        ENOMEM = 12, EACCES = 13, EFAULT = 14, EEXIST = 17, ENOTDIR = 20, EISDIR = 21, EINVAL = 22, EMFILE = 24,
        ENOTTY = 25, ESPIPE = 29, EPIPE = 32, ERANGE = 34, ENOSYS = 38, ENOTEMPTY = 39, ETIMEDOUT = 110, ENAMETOOLONG = 36;

    /// <summary>Kernel-internal: the call was interrupted and restarts unless a handler without SA_RESTART runs (never seen by the guest).</summary>
    public const long ERESTARTSYS = 512;
}
