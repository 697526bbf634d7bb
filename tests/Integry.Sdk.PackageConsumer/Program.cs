// A fresh consumer of the Integry.Sdk package: AddIntegry, a local passthrough to a loopback app, checked output.
using System.Net;
using System.Net.Sockets;
using System.Text;
using Integry.Sdk;
using Microsoft.Extensions.DependencyInjection;

using var listener = new TcpListener(IPAddress.Loopback, 0);
listener.Start();
var port = ((IPEndPoint)listener.LocalEndpoint).Port;
var server = ServeOneAsync(listener);

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
var authorization = await server;
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

static async Task<string?> ServeOneAsync(TcpListener listener)
{
    using var connection = await listener.AcceptTcpClientAsync();
    var stream = connection.GetStream();
    var buffer = new byte[8192];
    var read = 0;
    while (!Encoding.ASCII.GetString(buffer, 0, read).Contains("\r\n\r\n", StringComparison.Ordinal))
    {
        var count = await stream.ReadAsync(buffer.AsMemory(read));
        if (count == 0)
        {
            break;
        }

        read += count;
    }

    var authorization = Encoding.ASCII.GetString(buffer, 0, read).Split("\r\n")
        .FirstOrDefault(line => line.StartsWith("Authorization:", StringComparison.OrdinalIgnoreCase))?["Authorization:".Length..].Trim();
    var body = """{"id":12345678901234567890}"""u8.ToArray();
    await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n"));
    await stream.WriteAsync(body);
    return authorization;
}
