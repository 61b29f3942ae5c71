using Sentinel.AutoRetrain.Cli;

return await RetrainProgram.RunAsync(args, Environment.GetEnvironmentVariable, Console.Out, Console.Error);
