using System.Text.Json.Nodes;
using Integry.Sdk.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.Remote;

/// <summary><c>GetFunctionAsync</c> with its options: <c>include=meta</c> in the query, <c>{prompt, _variables}</c> in the body.</summary>
public class GetFunctionWithOptionsWireTests
{
    [Test]
    public async Task Prompt_variables_and_meta_go_on_the_wire()
    {
        using var api = new IntegryApi();
        api.ExpectPost("functions/slack-post-message/get/")
            .WithExactQueryString("include=meta")
            .WithContent("""{"prompt":"greet the new contact","_variables":{"first_name":"John","n":7}}""")
            .Respond("application/json", """{"name":"slack-post-message","parameters":{"type":"object"},"arguments":{"text":"Hi {first_name}"},"meta":{"type":"ACTION"}}""");

        var function = await api.CreateClient().GetFunctionAsync(
            "slack-post-message",
            new GetFunctionOptions { Prompt = "greet the new contact", Variables = new JsonObject { ["first_name"] = "John", ["n"] = 7 }, IncludeMeta = true });

        api.Handler.VerifyNoOutstandingExpectation();
        JsonAssert.AreEqual("""{"text":"Hi {first_name}"}""", function.Arguments!.Value);
        Assert.That(function.Meta!.Type, Is.EqualTo("ACTION"));
    }

    [Test]
    public async Task An_empty_prompt_is_an_argument_exception_and_nothing_is_sent()
    {
        using var api = new IntegryApi();

        await Assert.ThrowsAsync(Is.InstanceOf<ArgumentException>(), () => api.CreateClient().GetFunctionAsync("slack-post-message", new GetFunctionOptions { Prompt = " " }));
        Assert.That(api.UnexpectedRequests, Is.Zero);
    }

    [Test]
    public async Task A_local_passthrough_function_is_answered_locally_without_a_prompt_and_its_meta_only_when_asked()
    {
        using var host = PassthroughTestHost.Create();

        var plain = await host.Client.GetFunctionAsync("slack-passthrough-request");
        var withMeta = await host.Client.GetFunctionAsync("slack-passthrough-request", new GetFunctionOptions { IncludeMeta = true });

        Assert.That(plain.Meta, Is.Null);
        Assert.That(withMeta.Meta!.App!.Name, Is.EqualTo("slack"));
        Assert.That(host.UnexpectedRequests, Is.Zero);
    }

    [Test]
    public async Task A_prompt_on_a_local_only_client_says_prediction_needs_integry()
    {
        using var host = PassthroughTestHost.Create();

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => host.Client.GetFunctionAsync("slack-passthrough-request", new GetFunctionOptions { Prompt = "list channels" }));

        Assert.That(exception!.Message, Does.Contain("AppKey and AppSecret"));
    }
}
