// A fresh consumer of the Integry.Sdk package: AddIntegry, a local passthrough to a loopback app, checked output.
using Integry.Sdk;
using Microsoft.Extensions.DependencyInjection;

using var server = new OneRequestServer("""{"id":12345678901234567890}""");
var port = server.Port;

var credentials = new InMemoryCredentialProvider();
credentials.Connect("user-1", "consumerapp", new Credential.BearerToken("consumer-token"));
var services = new ServiceCollection();
services.AddIntegry(options => options.UserId = "user-1")
    .AddLocalPassthrough(options => options.Apps.Add(new AppDefinition
    {
        Slug = "consumerapp",
        DisplayName = "Consumer App",
        Hosts = ["127.0.0.1"],
        BaseUrl = $"http://127.0.0.1:{port}/",
        AllowLocalNetwork = true,
    }))
    .AddCredentialProvider(credentials);
await using var provider = services.BuildServiceProvider();
var client = provider.GetRequiredService<IntegryClient>();

var result = await client.PassthroughAsync("consumerapp", PassthroughRequest.Get("v1/ping"));
var authorization = await server.AuthorizationSeen;
var builtInApps = AppCatalog.BuiltIn.Count;
var log = provider.GetRequiredService<InMemoryFunctionCallLog>().GetRecords();

Console.WriteLine(result.ToJson());
Console.WriteLine($"authorization seen: {authorization}; built-in apps: {builtInApps}; call log records: {log.Count}");
var ok = result is Result.Executed { NetworkCode: 200 } executed
    && executed.Output.GetProperty("id").GetRawText() == "12345678901234567890"
    && authorization == "Bearer consumer-token"
    && builtInApps > 0
    && log.Count == 1;
Console.WriteLine(ok ? "CONSUMER OK" : "CONSUMER FAILED");
return ok ? 0 : 1;
