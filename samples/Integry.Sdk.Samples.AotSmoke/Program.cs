// A Native AOT smoke test: the client, the local executor and the Result wire JSON, with no reflection.
// It serves one loopback "app" with a raw socket listener (Kestrel is not AOT-trimmed here) and prints the result.
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Integry.Sdk;

using var listener = new TcpListener(IPAddress.Loopback, 0);
listener.Start();
var port = ((IPEndPoint)listener.LocalEndpoint).Port;
var server = ServeOneAsync(listener);

var options = new PassthroughOptions();
options.Apps.Add(new AppDefinition
{
    Slug = "aotapp",
    DisplayName = "AOT App",
    Hosts = ["127.0.0.1"],
    BaseUrl = $"http://127.0.0.1:{port}/",
    AllowLocalNetwork = true,
});
var credentials = new InMemoryCredentialProvider();
credentials.Connect("user-1", "aotapp", new Credential.BearerToken("aot-token"));
var client = new IntegryClient(new IntegryClientOptions { UserId = "user-1" }, passthroughExecutor: new PassthroughExecutor(credentials, options));

using var arguments = JsonDocument.Parse("""{"method":"GET","url":"v1/ping"}""");
var result = await client.InvokeFunctionAsync("aotapp-passthrough-request", arguments.RootElement);
var seenAuthorization = await server;
var rejected = await client.ForUser("nobody").PassthroughAsync("aotapp", PassthroughRequest.Get("v1/ping"));

Console.WriteLine(result.ToJson());
Console.WriteLine(rejected.ToJson());
var ok = result is Result.Executed { NetworkCode: 200 } executed
    && executed.Output.GetProperty("id").GetRawText() == "12345678901234567890"
    && seenAuthorization == "Bearer aot-token"
    && rejected is Result.Rejected;
Console.WriteLine(ok ? "AOT SMOKE OK" : "AOT SMOKE FAILED");
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

    var head = Encoding.ASCII.GetString(buffer, 0, read);
    var authorization = head.Split("\r\n").FirstOrDefault(line => line.StartsWith("Authorization:", StringComparison.OrdinalIgnoreCase))?["Authorization:".Length..].Trim();
    var body = """{"id":12345678901234567890,"pong":true}"""u8.ToArray();
    var response = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
    await stream.WriteAsync(response);
    await stream.WriteAsync(body);
    return authorization;
}
