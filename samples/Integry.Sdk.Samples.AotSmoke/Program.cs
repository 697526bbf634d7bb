// A Native AOT smoke test: the client, the local executor and the Result wire JSON, with no reflection.
// It serves one loopback "app" with a plain socket listener (OneRequestServer) and prints the result.
using System.Text.Json;
using Integry.Sdk;

using var server = new OneRequestServer("""{"id":12345678901234567890,"pong":true}""");
var port = server.Port;

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
var client = new IntegryClient(new IntegryClientOptions { UserId = "user-1", PassthroughExecutor = new PassthroughExecutor(credentials, options) });

using var arguments = JsonDocument.Parse("""{"method":"GET","url":"v1/ping"}""");
var result = await client.InvokeFunctionAsync("aotapp-passthrough-request", arguments.RootElement);
var seenAuthorization = await server.AuthorizationSeen;
var rejected = await client.ForUser("nobody").PassthroughAsync("aotapp", PassthroughRequest.Get("v1/ping"));

Console.WriteLine(result.ToJson());
Console.WriteLine(rejected.ToJson());
var ok = result is Result.Executed { NetworkCode: 200 } executed
    && executed.Output.GetProperty("id").GetRawText() == "12345678901234567890"
    && seenAuthorization == "Bearer aot-token"
    && rejected is Result.Rejected;
Console.WriteLine(ok ? "AOT SMOKE OK" : "AOT SMOKE FAILED");
return ok ? 0 : 1;
