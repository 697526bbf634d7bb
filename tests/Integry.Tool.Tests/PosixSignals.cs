using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Integry.Tool.Tests;

/// <summary>
/// Sends a POSIX signal to a child process from .NET (libc's <c>kill</c>), as a container runtime sends SIGTERM and a
/// terminal sends SIGINT; .NET itself can only deliver SIGKILL (<see cref="Process.Kill()"/>).
/// </summary>
internal static class PosixSignals
{
    public static void Send(Process process, PosixSignal signal)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS() && !OperatingSystem.IsFreeBSD())
        {
            throw new PlatformNotSupportedException("POSIX signals are sent on Linux, macOS and FreeBSD only.");
        }

        // PosixSignal's values are .NET's own (negative); the numbers below are the same on Linux, macOS and FreeBSD.
        var number = signal switch
        {
            PosixSignal.SIGHUP => 1,
            PosixSignal.SIGINT => 2,
            PosixSignal.SIGQUIT => 3,
            PosixSignal.SIGTERM => 15,
            _ => throw new ArgumentOutOfRangeException(nameof(signal), signal, "Only SIGHUP, SIGINT, SIGQUIT and SIGTERM are sent."),
        };
        if (Kill(process.Id, number) != 0)
        {
            throw new InvalidOperationException($"kill({process.Id}, {number}) failed with errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
