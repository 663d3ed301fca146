using A64Jit.Runtime;
using A64Jit.Runtime.Demo;
using A64Jit.Runtime.Linux;
using A64Jit.Runtime.Linux.ProcessModel;
using A64Jit.Runtime.Loader;

namespace A64Jit.Cli;

/// <summary>The a64jit command line: parses arguments, runs the command, maps errors to exit codes.</summary>
public static class CommandLine
{
    /// <summary>Exit status for a64jit's own errors (bad flag, missing or malformed file).</summary>
    public const int UsageError = 2;

    /// <summary>Exit status when --engine lockstep found the interpreter and the JIT disagreeing.</summary>
    public const int LockstepMismatch = 3;

    const string MainHelp = """
        usage: a64jit <command> [options]

        commands:
          run     run a static AArch64 Linux executable (user mode, like qemu-aarch64)
          boot    boot a kernel or bare-metal image on the virt machine (full-system mode)
          demo    run the built-in demo guest (needs no toolchain)
          help    show help for a command

        Run 'a64jit <command> --help' for a command's options.
        """;

    const string RunHelp = """
        usage: a64jit run [options] [--] <elf> [guest arguments...]

        Runs a static (or static-pie) AArch64 Linux executable. The guest's stdin, stdout and stderr
        are a64jit's; the exit status is the guest's (128 + signal when a signal kills it).

        options:
          --engine <name>   execution engine: jit (the default: translated x86-64 code), interp (the
                            reference interpreter), lockstep (both, block by block, stopping at the
                            first difference)
          --strict          an unimplemented system call is fatal instead of returning -ENOSYS
          --memory <mode>   how compiled loads and stores check guest memory: guarded (the default:
                            host protections follow the guest's and a host fault takes the slow
                            path) or checked (look up the page's flags in a table)
          --dump-ir         print each block's IR to stderr as it is lifted (and, with jit, after the passes)
          --dump-x86        print each compiled block's x86-64 code to stderr (jit, lockstep)
          --no-opt          compile the IR as lifted, without the optimization passes
          --stats           print guest instructions, time and MIPS to stderr at exit
          -h, --help        show this help
        """;

    const string BootHelp = """
        usage: a64jit boot --kernel <Image|elf|bin> [options]

        Boots a Linux arm64 Image (gzip-compressed or not), a bare-metal ELF or a raw binary on a
        machine laid out like QEMU's virt board: RAM at 0x40000000, PL011 UART at 0x09000000 (the
        console: a64jit's stdin and stdout), GICv3, the generic timer, PSCI firmware. The run ends when
        the guest calls PSCI SYSTEM_OFF (exit 0) or SYSTEM_RESET, or on Ctrl-A x at the console.

        options:
          --kernel <file>   the image to boot (required)
          --initrd <file>   an initial ramdisk, placed in RAM and named in the device tree's /chosen
          --append <text>   the kernel command line (/chosen bootargs)
          --mem <size>      RAM size, e.g. 512M or 2G (default 1G)
          --el2             start at EL2 (virtualization present; PSCI over SMC), else at EL1 (PSCI over HVC)
          --engine <name>   jit (the default), interp, or lockstep (both, block by block; device
                            accesses happen once and are replayed to the JIT)
          --dtb-out <file>  also write the generated device tree blob to a file
          --trace           print every exception entry and return to stderr
          --profile         at exit, print system-register accesses by register, EL, direction and
                            path (inline, helper, trap, undefined), most frequent first
          --dump-ir, --dump-x86, --no-opt, --stats   as for 'run'
          -h, --help        show this help
        """;

    const string DemoHelp = """
        usage: a64jit demo [--engine <name>] [--stats] [--dump-ir] [--dump-x86]

        Runs a small built-in AArch64 program (a greeting, Fibonacci numbers, a counted loop)
        to show the translator working without any other installs.
        """;

    public static int Execute(string[] args)
    {
        try
        {
            if (args.Length == 0)
            {
                Console.Error.Write(MainHelp);
                return UsageError;
            }
            return args[0] switch
            {
                "run" => Run(args[1..]),
                "demo" => Demo(args[1..]),
                "boot" => Boot(args[1..]),
                "help" => Help(args[1..]),
                "-h" or "--help" => Print(MainHelp),
                "--version" => Print("a64jit 0.1\n"),
                // Hidden: a forked child resuming from a snapshot, and the new image after execve.
                "__resume" when args.Length is 2 or 3 => Finish(ProcessEntry.Resume(int.Parse(args[1]), args.Length == 3 ? int.Parse(args[2]) : -1)),
                "__exec" when args.Length == 2 => Finish(ProcessEntry.Exec(int.Parse(args[1]))),
                _ => Fail($"unknown command '{args[0]}'; see 'a64jit --help'"),
            };
        }
        catch (UsageException e)
        {
            return Fail(e.Message);
        }
        catch (BadImageException e)
        {
            return Fail(e.Message);
        }
        catch (GuestTerminatedException e)
        {
            return Fail(e.Message);
        }
        catch (A64Jit.Runtime.Engines.LockstepMismatchException e)
        {
            Console.Out.Flush();
            Console.Error.Write(e.Message);
            return LockstepMismatch;
        }
    }

    static int Help(string[] args) => args.FirstOrDefault() switch
    {
        "run" => Print(RunHelp),
        "demo" => Print(DemoHelp),
        "boot" => Print(BootHelp),
        null => Print(MainHelp),
        var other => Fail($"unknown command '{other}'"),
    };

    static int Print(string text)
    {
        Console.Out.Write(text);
        return 0;
    }

    static int Fail(string message)
    {
        Console.Error.WriteLine($"a64jit: {message}");
        return UsageError;
    }

    sealed class UsageException(string message) : Exception(message);

    /// <summary>Parses the options shared by run and demo; returns the index of the first operand.</summary>
    static (UserModeRunner.Options Options, int Next, bool Help) ParseOptions(string[] args, bool takesOperands)
    {
        var options = new UserModeRunner.Options();
        int i = 0;
        for (; i < args.Length; i++)
        {
            string a = args[i];
            if (a == "--")
            {
                i++;
                break;
            }
            if (!a.StartsWith('-') || a == "-")
                break;
            switch (a)
            {
                case "-h" or "--help":
                    return (options, i, true);
                case "--engine":
                    if (i + 1 >= args.Length)
                        throw new UsageException($"--engine needs a value ({string.Join(", ", UserModeRunner.Engines)})");
                    string engine = args[++i];
                    if (!UserModeRunner.Engines.Contains(engine))
                        throw new UsageException($"unknown engine '{engine}' (available: {string.Join(", ", UserModeRunner.Engines)})");
                    options = options with { Engine = engine };
                    break;
                case "--strict": options = options with { Strict = true }; break;
                case "--memory":
                    if (i + 1 >= args.Length || !UserModeRunner.MemoryModes.Contains(args[i + 1]))
                        throw new UsageException($"--memory needs one of: {string.Join(", ", UserModeRunner.MemoryModes)}");
                    options = options with { Memory = args[++i] };
                    break;
                case "--dump-ir": options = options with { DumpIr = true }; break;
                case "--dump-x86": options = options with { DumpX86 = true }; break;
                case "--no-opt": options = options with { Optimize = false }; break;
                case "--stats": options = options with { Stats = true }; break;
                default:
                    throw new UsageException($"unknown option '{a}'; see 'a64jit {(takesOperands ? "run" : "demo")} --help'");
            }
        }
        return (options, i, false);
    }

    static int Run(string[] args)
    {
        var (options, next, help) = ParseOptions(args, takesOperands: true);
        if (help)
            return Print(RunHelp);
        if (next >= args.Length)
            throw new UsageException("run needs an executable; see 'a64jit run --help'");
        string path = args[next];
        if (!File.Exists(path))
            throw new UsageException($"{path}: no such file");
        var argv = args[next..].ToList();
        var envp = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .Select(e => $"{e.Key}={e.Value}").Order(StringComparer.Ordinal).ToList();
        return Finish(UserModeRunner.Run(path, argv, envp, options));
    }

    /// <summary>The guest's exit status; a guest killed by a signal kills a64jit by the same signal (after its report).</summary>
    static int Finish(UserModeRunner.Result result)
    {
        if (result.Signal is int signal)
            HostProcess.DieBySignal(signal);
        return result.ExitStatus;
    }

    static int Demo(string[] args)
    {
        var (options, next, help) = ParseOptions(args, takesOperands: false);
        if (help)
            return Print(DemoHelp);
        if (next < args.Length)
            throw new UsageException($"demo takes no operands ('{args[next]}')");
        string path = Path.Combine(Path.GetTempPath(), $"a64jit-demo-{Environment.ProcessId}");
        File.WriteAllBytes(path, DemoGuest.Elf());
        try
        {
            var result = UserModeRunner.Run(path, ["demo"], [], options with { Stats = true });
            if (result.Signal is not null)
                File.Delete(path);
            return Finish(result);
        }
        finally
        {
            File.Delete(path);
        }
    }

    static int Boot(string[] args)
    {
        string? kernel = null, initrd = null, dtbOut = null, append = "";
        ulong memory = 1UL << 30;
        bool el2 = false, stats = false, profile = false, trace = false;
        var user = new UserModeRunner.Options();
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new UsageException($"{a} needs a value; see 'a64jit boot --help'");
            switch (a)
            {
                case "-h" or "--help": return Print(BootHelp);
                case "--kernel": kernel = Value(); break;
                case "--initrd": initrd = Value(); break;
                case "--append": append = Value(); break;
                case "--dtb-out": dtbOut = Value(); break;
                case "--mem": memory = ParseSize(Value()); break;
                case "--el2": el2 = true; break;
                case "--stats": stats = true; break;
                case "--profile": profile = true; break;
                case "--trace": trace = true; break;
                case "--dump-ir": user = user with { DumpIr = true }; break;
                case "--dump-x86": user = user with { DumpX86 = true }; break;
                case "--no-opt": user = user with { Optimize = false }; break;
                case "--engine":
                    string engine = Value();
                    if (engine is not ("jit" or "interp" or "lockstep"))
                        throw new UsageException($"unknown engine '{engine}' for boot (available: jit, interp, lockstep)");
                    user = user with { Engine = engine };
                    break;
                default:
                    throw new UsageException($"unknown option '{a}'; see 'a64jit boot --help'");
            }
        }
        if (kernel is null)
            throw new UsageException("boot needs --kernel <file>; see 'a64jit boot --help'");
        foreach (var file in new[] { kernel, initrd })
            if (file is not null && !File.Exists(file))
                throw new UsageException($"{file}: no such file");
        return SystemRunner.Boot(new A64Jit.Runtime.Machine.VirtMachine.Options
        {
            Kernel = kernel, Initrd = initrd, Append = append, MemoryBytes = memory, El2 = el2, Engine = user.Engine, DtbOut = dtbOut, Profile = profile, Trace = trace,
            EngineOptions = UserModeRunner.EngineOptionsFor(user),
        }, stats);
    }

    /// <summary>A size with an optional K, M or G suffix (powers of 1024), as QEMU's -m takes it.</summary>
    static ulong ParseSize(string text)
    {
        ulong scale = 1UL << 20;
        string digits = text;
        if (text.Length > 0 && char.ToUpperInvariant(text[^1]) is 'K' or 'M' or 'G')
        {
            scale = char.ToUpperInvariant(text[^1]) switch { 'K' => 1UL << 10, 'M' => 1UL << 20, _ => 1UL << 30 };
            digits = text[..^1];
        }
        if (!ulong.TryParse(digits, out ulong n) || n == 0 || n > (1UL << 40) / scale)
            throw new UsageException($"bad --mem size '{text}' (e.g. 512M or 2G)");
        ulong bytes = n * scale;
        if (bytes < (16UL << 20) || bytes > (64UL << 30) || (bytes & 0xFFF) != 0)
            throw new UsageException($"--mem {text}: RAM must be between 16M and 64G, in whole 4K pages");
        return bytes;
    }
}
