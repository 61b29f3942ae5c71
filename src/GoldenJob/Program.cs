using Sentinel.GoldenJob.Cli;

return await GoldenProgram.RunAsync(args, Environment.GetEnvironmentVariable, Console.Out, Console.Error);
