using System.Text.Json.Nodes;
using Integry.Sdk.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.Remote;

/// <summary>App-Key, User-ID and Hash travel as headers, or as query parameters when the user id is not ASCII.</summary>
public class SignatureOnTheWireTests
{
    private const string Executed = """{"network_code":"200","output":{}}""";

    [Test]
    public async Task An_ascii_user_id_is_signed_with_headers_and_nothing_in_the_query()
    {
        using var api = new IntegryApi();
        api.Handler.Expect(HttpMethod.Post, IntegryApi.Base + "functions/slack-post-message/call/")
            .WithHeaders("App-Key", IntegryApi.AppKey)
            .WithHeaders("User-ID", "user@example.com")
            .WithHeaders("Hash", "dd2628e5d72843c60221845e1efaea775000caee5b4616b35ebbcd2891afe01c")
            .WithHeaders("Content-Type", "application/json; charset=utf-8")
            .WithExactQueryString(string.Empty)
            .Respond("application/json", Executed);

        await api.CreateClient("user@example.com").InvokeFunctionAsync("slack-post-message", new JsonObject());

        api.Handler.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task A_non_ascii_user_id_is_signed_with_query_parameters_instead_of_headers()
    {
        using var api = new IntegryApi();
        api.Handler.Expect(HttpMethod.Post, IntegryApi.Base + "functions/slack-post-message/call/")
            .WithExactQueryString(new Dictionary<string, string>
            {
                ["app_key"] = IntegryApi.AppKey,
                ["user_id"] = "üser-ñ",
                ["hash"] = "7490c623c90ddc1f412b987b026f258c85e99d95f71c8378193d297c90bbd0cf",
            })
            .With(request => request.RequestUri!.Query.Contains("user_id=%C3%BCser-%C3%B1", StringComparison.Ordinal))
            .With(request => !request.Headers.Contains("App-Key") && !request.Headers.Contains("User-ID") && !request.Headers.Contains("Hash"))
            .WithContent("{}")
            .Respond("application/json", Executed);

        await api.CreateClient("üser-ñ").InvokeFunctionAsync("slack-post-message", new JsonObject());

        api.Handler.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task A_non_ascii_user_id_shares_the_query_with_the_connected_account_id()
    {
        using var api = new IntegryApi();
        api.Handler.Expect(HttpMethod.Post, IntegryApi.Base + "functions/slack-post-message/call/")
            .WithExactQueryString(new Dictionary<string, string>
            {
                ["connected_account_id"] = "42",
                ["app_key"] = IntegryApi.AppKey,
                ["user_id"] = "üser-ñ",
                ["hash"] = "7490c623c90ddc1f412b987b026f258c85e99d95f71c8378193d297c90bbd0cf",
            })
            .Respond("application/json", Executed);

        await api.CreateClient("üser-ñ").InvokeFunctionAsync("slack-post-message", new JsonObject(), "42");

        api.Handler.VerifyNoOutstandingExpectation();
    }
}
