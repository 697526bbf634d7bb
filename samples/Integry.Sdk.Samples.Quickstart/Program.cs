// The Integry.Sdk quickstart. Offline by default: it runs a passthrough in-process against a demo app on loopback.
// With INTEGRY_APP_KEY, INTEGRY_APP_SECRET and INTEGRY_USER_ID set, it calls Integry's real API instead.
using Integry.Sdk;
using Integry.Sdk.Samples.Quickstart;

var appKey = Environment.GetEnvironmentVariable("INTEGRY_APP_KEY");
var appSecret = Environment.GetEnvironmentVariable("INTEGRY_APP_SECRET");
var userId = Environment.GetEnvironmentVariable("INTEGRY_USER_ID");
if (!string.IsNullOrEmpty(appKey) && !string.IsNullOrEmpty(appSecret) && !string.IsNullOrEmpty(userId))
{
    await RealIntegry.RunAsync(appKey, appSecret, userId);
    return;
}

await using var demoApp = await DemoContactsApi.StartAsync();
Console.WriteLine($"Demo contacts API listening on {demoApp.BaseAddress}");

// 1. Tell the local executor about the app: where its API lives and where the token goes.
var options = new PassthroughOptions();
options.Apps.Add(new AppDefinition
{
    Slug = "democontacts",
    DisplayName = "Demo Contacts",
    Hosts = [demoApp.BaseAddress.Host],
    BaseUrl = demoApp.BaseAddress.AbsoluteUri,
    AllowLocalNetwork = true, // only for local services like this demo; real apps are https-only
});

// 2. Connect a user's account: in production this is your own ICredentialProvider over your token store.
var credentials = new InMemoryCredentialProvider();
credentials.Connect("user-42", "democontacts", new Credential.BearerToken(DemoContactsApi.AccessToken));

// 3. Build the client with the local executor and run the passthrough, exactly as Integry would.
var callLog = new InMemoryFunctionCallLog();
options.CallLog = callLog;
var executor = new PassthroughExecutor(credentials, options);
var client = new IntegryClient(new IntegryClientOptions { UserId = "user-42", PassthroughExecutor = executor });

var result = await client.InvokeFunctionAsync(
    "democontacts-passthrough-request",
    new System.Text.Json.Nodes.JsonObject { ["method"] = "GET", ["url"] = "v1/contacts?limit=2" });

Console.WriteLine();
Console.WriteLine("democontacts-passthrough-request, as Integry's wire JSON:");
Console.WriteLine(result.ToIndentedJson());
Console.WriteLine(result switch
{
    Result.Executed { IsSuccessStatusCode: true } ok => $"-> executed, the app answered {ok.NetworkCode} ({ok.ContentType})",
    Result.Executed failed => $"-> executed, but the app answered {failed.NetworkCode}",
    Result.Rejected rejected => $"-> rejected: {rejected.Error}",
    _ => "unreachable",
});

// 4. A user who has not connected the app gets Integry's own rejection, and nothing is sent.
var stranger = client.ForUser("user-without-account");
var rejection = await stranger.PassthroughAsync("democontacts", PassthroughRequest.Get("v1/contacts"));
Console.WriteLine();
Console.WriteLine("The same call for a user who has not connected the app:");
Console.WriteLine(rejection.ToIndentedJson());

// 5. Executed calls are in the call log, with credentials redacted; rejected ones are not.
Console.WriteLine();
Console.WriteLine("Call log:");
foreach (var record in callLog.GetRecords())
{
    Console.WriteLine($"  {record.Timestamp:O} {record.UserId} {record.FunctionName} {record.Method} {record.Url} -> {record.NetworkCode} in {record.Duration.TotalMilliseconds:F0} ms");
}
