using System.Diagnostics;

namespace A64Jit.Runtime.Machine.Devices;

/// <summary>
/// The console's terminal in raw mode while a guest runs interactively (every key goes to the UART,
/// Ctrl-C included), restored afterwards. Nothing happens when stdin is not a terminal.
/// </summary>
public sealed class TerminalMode : IDisposable
{
    readonly string? saved;

    TerminalMode(string? saved) => this.saved = saved;

    public static TerminalMode Raw()
    {
        if (Console.IsInputRedirected)
            return new TerminalMode(null);
        string? saved = Stty("-g")?.Trim();
        Stty("raw -echo");
        return new TerminalMode(saved);
    }

    public void Dispose()
    {
        if (saved is not null)
            Stty(saved);
    }

    static string? Stty(string arguments)
    {
        try
        {
            var psi = new ProcessStartInfo("stty", arguments) { RedirectStandardOutput = true, UseShellExecute = false };
            using var p = Process.Start(psi);
            string output = p!.StandardOutput.ReadToEnd();
            p.WaitForExit();
            return p.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
