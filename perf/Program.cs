using A64Jit.Perf.GuestRunner;
using BenchmarkDotNet.Running;

// `guests ...` runs the guest benchmark runner; `boot ...` times a Linux boot against qemu-system-aarch64; anything else (optionally after `micro`) goes to
// BenchmarkDotNet's switcher, e.g. `-- micro --filter '*Interpreter*'` or `-- --list flat`.
if (args.Length > 0 && args[0] == "guests")
    return GuestCommand.Run(args[1..]);
if (args.Length > 0 && args[0] == "boot")
    return A64Jit.Perf.Boot.BootCommand.Run(args[1..]);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args.Length > 0 && args[0] == "micro" ? args[1..] : args);
return 0;
