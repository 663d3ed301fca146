using A64Jit.Cli;

return CommandLine.Execute(args);
