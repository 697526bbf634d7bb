using System.Text.Json;
using System.Text.Json.Nodes;
using Integry.Sdk.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.Remote;

/// <summary>What <c>InvokeFunctionAsync</c> puts on the wire: POST functions/{name}/call/, signed, with the flat arguments.</summary>
public class CallRequestWireTests
{
    private const string Executed = """{"network_code":"200","output":{"ok":true}}""";

    [Test]
    public async Task A_call_is_a_signed_post_to_the_function_call_path_with_a_trailing_slash()
    {
        using var api = new IntegryApi();
        api.ExpectPost("functions/slack-post-message/call/")
            .WithExactQueryString(string.Empty)
            .WithContent("""{"channel":"C1","text":"hi"}""")
            .Respond("application/json", Executed);

        await api.CreateClient().InvokeFunctionAsync("slack-post-message", new JsonObject { ["channel"] = "C1", ["text"] = "hi" });

        api.Handler.VerifyNoOutstandingExpectation();
    }

    [TestCase("50%-off", "functions/50%25-off/call/")]
    [TestCase("café-créer", "functions/caf%C3%A9-cr%C3%A9er/call/")]
    [TestCase("a+b&c=d", "functions/a%2Bb%26c%3Dd/call/")]
    public async Task The_function_name_is_escaped_as_one_path_segment(string functionName, string escapedPath)
    {
        using var api = new IntegryApi();
        api.ExpectPost(escapedPath)
            .With(request => request.RequestUri!.AbsoluteUri == IntegryApi.Base + escapedPath)
            .Respond("application/json", Executed);

        await api.CreateClient().InvokeFunctionAsync(functionName, new JsonObject());

        api.Handler.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task A_connected_account_id_goes_in_the_query_escaped()
    {
        using var api = new IntegryApi();
        api.ExpectPost("functions/slack-post-message/call/")
            .WithExactQueryString(new Dictionary<string, string> { ["connected_account_id"] = "acc 1&x=2" })
            .WithRawQuery("?connected_account_id=acc%201%26x%3D2")
            .Respond("application/json", Executed);

        await api.CreateClient().InvokeFunctionAsync("slack-post-message", new JsonObject(), "acc 1&x=2");

        api.Handler.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task Without_a_connected_account_id_the_query_is_empty()
    {
        using var api = new IntegryApi();
        api.ExpectPost("functions/slack-post-message/call/")
            .WithRawQuery(string.Empty)
            .Respond("application/json", Executed);

        await api.CreateClient().InvokeFunctionAsync("slack-post-message", new JsonObject(), connectedAccountId: null);

        api.Handler.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task The_body_is_the_flat_arguments_object_without_a_wrapper()
    {
        using var api = new IntegryApi();
        api.ExpectPost("functions/pipedrive-create-deal/call/")
            .WithJsonBody("""{"title":"Deal","value":12345678901234567890,"tags":["a","b"],"owner":{"id":7},"note":null}""")
            .Respond("application/json", Executed);
        using var arguments = JsonDocument.Parse("""{"title":"Deal","value":12345678901234567890,"tags":["a","b"],"owner":{"id":7},"note":null}""");

        await api.CreateClient().InvokeFunctionAsync("pipedrive-create-deal", arguments.RootElement);

        api.Handler.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task No_arguments_send_an_empty_object()
    {
        using var api = new IntegryApi();
        api.ExpectPost("functions/slack-list-channels/call/")
            .WithContent("{}")
            .Respond("application/json", Executed);

        await api.CreateClient().InvokeFunctionAsync("slack-list-channels", (JsonObject?)null);

        api.Handler.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task Variables_from_the_options_are_added_to_the_body_as_underscore_variables()
    {
        using var api = new IntegryApi();
        api.ExpectPost("functions/slack-post-message/call/")
            .WithJsonBody("""{"channel":"C1","text":"Hello {name}","_variables":{"name":"Ada"}}""")
            .Respond("application/json", Executed);
        using var arguments = JsonDocument.Parse("""{"channel":"C1","text":"Hello {name}"}""");
        var variables = new System.Text.Json.Nodes.JsonObject { ["name"] = "Ada" };

        await api.CreateClient().InvokeFunctionAsync("slack-post-message", arguments.RootElement, new InvokeFunctionOptions { Variables = variables });

        api.Handler.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task A_version_from_the_options_goes_in_the_version_header()
    {
        using var api = new IntegryApi();
        api.ExpectPost("functions/slack-post-message/call/")
            .WithHeaders("Version", "3")
            .WithContent("{}")
            .Respond("application/json", Executed);
        using var arguments = JsonDocument.Parse("{}");

        await api.CreateClient().InvokeFunctionAsync("slack-post-message", arguments.RootElement, new InvokeFunctionOptions { Version = "3" });

        api.Handler.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task Without_a_version_no_version_header_is_sent()
    {
        using var api = new IntegryApi();
        api.ExpectPost("functions/slack-post-message/call/")
            .With(request => !request.Headers.Contains("Version"))
            .Respond("application/json", Executed);

        await api.CreateClient().InvokeFunctionAsync("slack-post-message", new JsonObject());

        api.Handler.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task Typed_arguments_serialised_through_a_json_type_info_form_the_body()
    {
        using var api = new IntegryApi();
        api.ExpectPost("functions/slack-post-message/call/")
            .WithHeaders("Version", "2")
            .WithJsonBody("""{"channel":"C1","text":"hi"}""")
            .Respond("application/json", Executed);

        await api.CreateClient().InvokeFunctionAsync(
            "slack-post-message",
            FunctionArguments.From(new Dictionary<string, string> { ["channel"] = "C1", ["text"] = "hi" }, TestJsonContext.Default.DictionaryStringString),
            new InvokeFunctionOptions { Version = "2" });

        api.Handler.VerifyNoOutstandingExpectation();
    }
}
