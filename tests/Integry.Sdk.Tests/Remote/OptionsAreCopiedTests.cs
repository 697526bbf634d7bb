using System.Text.Json.Nodes;
using Integry.Sdk.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.Remote;

/// <summary>Options are copied when the client is built: changing them afterwards changes nothing on the wire.</summary>
public class OptionsAreCopiedTests
{
    [Test]
    public async Task Changing_the_options_after_construction_does_not_change_the_wire()
    {
        using var api = new IntegryApi();
        api.ExpectPost("functions/slack-post-message/call/")
            .Respond("application/json", """{"network_code":"200","output":{}}""");
        var options = new IntegryClientOptions { AppKey = IntegryApi.AppKey, AppSecret = IntegryApi.AppSecret, UserId = IntegryApi.UserId, BaseAddress = new Uri(IntegryApi.Base), HttpClient = api.Handler.ToHttpClient() };
        var client = new IntegryClient(options);

        options.AppKey = "changed";
        options.UserId = "changed";
        options.BaseAddress = new Uri("https://elsewhere.test/");
        await client.InvokeFunctionAsync("slack-post-message", new JsonObject());

        api.Handler.VerifyNoOutstandingExpectation();
    }
}
