using Sentinel.MonitorJob.Cli;

return await MonitorProgram.RunAsync(args, Environment.GetEnvironmentVariable, Console.Out, Console.Error);
