namespace A64Jit.Runtime.Linux;

// Paths the guest names that must not reach the host as they are.
public sealed partial class LinuxProcess
{
    /// <summary>The guest executable's host path (what /proc/self/exe names).</summary>
    public string ExecutablePath { get; set; } = "";

    /// <summary>Maps a guest path to the host path to open: /proc/self/exe is the guest program, not a64jit.</summary>
    public string MapPath(string path) => path is "/proc/self/exe" || path == $"/proc/{Pid}/exe" ? ExecutablePath : path;
}
