using System.Buffers.Binary;

namespace A64Jit.Runtime.Linux;

// The process model's signal hooks, implemented against helper-linux's signal state. Becomes
// src/Runtime/Linux/LinuxProcess.ProcessModel.Signals.cs when helper-proc and helper-linux meet
// (it does not compile without helper-linux's GetAction/SetAction/SendToProcess/Blocked).
public sealed partial class LinuxProcess
{
    partial void QueueHostSignalToGuest(int sig, ref bool handled)
    {
        var action = GetAction(sig);
        if (!action.IsHandler && !action.IsIgnore)
            return;
        SendToProcess(SignalInfo.User(sig, Signals.SI_USER, 0));
        handled = true;
    }

    partial void GuestIgnoresHook(int sig, ref bool ignored) => ignored = GetAction(sig).IsIgnore;

    partial void GuestBlockedMaskHook(LinuxThread thread, ref ulong mask) => mask = thread.Blocked;

    // fork: the child inherits every disposition and the forking thread's mask.
    partial void CaptureForkSignalState(LinuxThread thread, Dictionary<string, byte[]> sections)
    {
        var b = new byte[8 + Signals.NSIG * 32];
        BinaryPrimitives.WriteUInt64LittleEndian(b, thread.Blocked);
        for (int sig = 1; sig <= Signals.NSIG; sig++)
        {
            var a = GetAction(sig);
            var s = b.AsSpan(8 + (sig - 1) * 32);
            BinaryPrimitives.WriteUInt64LittleEndian(s, a.Handler);
            BinaryPrimitives.WriteUInt64LittleEndian(s[8..], a.Flags);
            BinaryPrimitives.WriteUInt64LittleEndian(s[16..], a.Restorer);
            BinaryPrimitives.WriteUInt64LittleEndian(s[24..], a.Mask);
        }
        sections["signals"] = b;
    }

    partial void RestoreForkSignalState(LinuxThread thread, Dictionary<string, byte[]> sections)
    {
        if (!sections.TryGetValue("signals", out var b))
            return;
        thread.Blocked = BinaryPrimitives.ReadUInt64LittleEndian(b);
        for (int sig = 1; sig <= Signals.NSIG; sig++)
        {
            var s = b.AsSpan(8 + (sig - 1) * 32);
            SetAction(sig, new SignalAction(BinaryPrimitives.ReadUInt64LittleEndian(s), BinaryPrimitives.ReadUInt64LittleEndian(s[8..]),
                BinaryPrimitives.ReadUInt64LittleEndian(s[16..]), BinaryPrimitives.ReadUInt64LittleEndian(s[24..])));
        }
    }

    // execve: ignored signals stay ignored, caught ones return to default; the mask is kept.
    partial void CaptureExecSignalState(LinuxThread thread, Dictionary<string, byte[]> sections)
    {
        ulong ignored = 0;
        for (int sig = 1; sig <= Signals.NSIG; sig++)
            if (GetAction(sig).IsIgnore)
                ignored |= Signals.Bit(sig);
        var b = new byte[16];
        BinaryPrimitives.WriteUInt64LittleEndian(b, thread.Blocked);
        BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(8), ignored);
        sections["exec-signals"] = b;
    }

    partial void RestoreExecSignalState(LinuxThread thread, Dictionary<string, byte[]> sections)
    {
        if (!sections.TryGetValue("exec-signals", out var b))
            return;
        thread.Blocked = BinaryPrimitives.ReadUInt64LittleEndian(b);
        ulong ignored = BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan(8));
        for (int sig = 1; sig <= Signals.NSIG; sig++)
            if ((ignored & Signals.Bit(sig)) != 0)
                SetAction(sig, new SignalAction(SignalAction.SigIgn, 0, 0, 0));
    }
}
