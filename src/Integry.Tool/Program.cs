// The integry dotnet tool: `dotnet tool install -g Integry.Tool`, then `integry --help`.
using Integry.Tool;

return await IntegryCli.RunAsync(args, new CliEnvironment(Console.Out, Console.Error, Environment.GetEnvironmentVariable, HandleSignals: true)).ConfigureAwait(false);
