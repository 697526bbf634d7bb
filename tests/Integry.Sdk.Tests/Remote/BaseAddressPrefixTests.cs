using System.Text.Json.Nodes;
using Integry.Sdk.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.Remote;

/// <summary>A base address with a path (a gateway in front of Integry) keeps its path.</summary>
public class BaseAddressPrefixTests
{
    [TestCase("https://example.test/integry")]
    [TestCase("https://example.test/integry/")]
    public async Task The_path_prefix_of_the_base_address_is_kept(string baseAddress)
    {
        using var api = new IntegryApi();
        api.Handler.Expect(HttpMethod.Post, "https://example.test/integry/functions/slack-post-message/call/")
            .WithHeaders("Hash", IntegryApi.UserHash)
            .Respond("application/json", """{"network_code":"200","output":{}}""");
        api.Handler.Expect(HttpMethod.Post, "https://example.test/integry/functions/list/")
            .WithExactQueryString("type=ACTION")
            .Respond("application/json", """{"functions":[],"_cursor":null}""");

        var client = api.CreateClient(baseAddress: baseAddress);
        await client.InvokeFunctionAsync("slack-post-message", new JsonObject());
        await client.ListFunctionsAsync(FunctionType.Action);

        api.Handler.VerifyNoOutstandingExpectation();
    }
}
