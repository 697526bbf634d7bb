using System.Text.Json;
using System.Text.Json.Nodes;
using Integry.Sdk.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.Remote;

/// <summary>Arguments, account ids and options that cannot be sent are refused before anything is sent.</summary>
public class BadCallArgumentsTests
{
    [TestCase("")]
    [TestCase("   ")]
    public async Task An_empty_connected_account_id_is_refused(string connectedAccountId)
    {
        using var api = new IntegryApi();

        await Assert.ThatAsync(
            () => api.CreateClient().InvokeFunctionAsync("slack-post-message", new JsonObject(), connectedAccountId),
            Throws.InstanceOf<ArgumentException>().With.Message.Contains("connected account id"));

        Assert.That(api.UnexpectedRequests, Is.Zero);
    }

    [TestCase("""[1,2]""", "Array")]
    [TestCase("\"text\"", "String")]
    [TestCase("42", "Number")]
    [TestCase("true", "True")]
    public async Task Arguments_that_are_not_a_json_object_are_refused(string json, string kind)
    {
        using var api = new IntegryApi();
        using var arguments = JsonDocument.Parse(json);

        await Assert.ThatAsync(
            () => api.CreateClient().InvokeFunctionAsync("slack-post-message", arguments.RootElement),
            Throws.InstanceOf<ArgumentException>().With.Message.Contains("must be a JSON object").And.Message.Contains(kind));

        Assert.That(api.UnexpectedRequests, Is.Zero);
    }

    [Test]
    public async Task Variables_both_in_the_arguments_and_in_the_options_are_refused()
    {
        using var api = new IntegryApi();
        using var arguments = JsonDocument.Parse("""{"text":"Hi {name}","_variables":{"name":"A"}}""");
        var variables = new System.Text.Json.Nodes.JsonObject { ["name"] = "B" };

        await Assert.ThatAsync(
            () => api.CreateClient().InvokeFunctionAsync("slack-post-message", arguments.RootElement, new InvokeFunctionOptions { Variables = variables }),
            Throws.InstanceOf<ArgumentException>().With.Message.Contains("_variables").And.Message.Contains("not both"));

        Assert.That(api.UnexpectedRequests, Is.Zero);
    }

    [Test]
    public async Task Null_call_options_mean_none()
    {
        using var api = new IntegryApi();
        api.ExpectPost("functions/slack-post-message/call/").WithContent("{}").Respond("application/json", """{"network_code":"200","output":{}}""");
        using var arguments = JsonDocument.Parse("{}");

        await api.CreateClient().InvokeFunctionAsync("slack-post-message", arguments.RootElement, (InvokeFunctionOptions?)null);

        api.Handler.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task Arguments_that_are_not_a_json_object_are_refused_before_sending_whatever_their_form()
    {
        using var api = new IntegryApi();
        using var array = JsonDocument.Parse("[1]");

        await Assert.ThatAsync(
            () => api.CreateClient().InvokeFunctionAsync("slack-post-message", array.RootElement, "43654"),
            Throws.InstanceOf<ArgumentException>().With.Message.Contains("JSON object"));
        await Assert.ThatAsync(
            () => api.CreateClient().InvokeFunctionAsync("slack-post-message", FunctionArguments.From(new[] { "a" }, TestJsonContext.Default.StringArray)),
            Throws.InstanceOf<ArgumentException>().With.Message.Contains("JSON object"));

        Assert.That(api.UnexpectedRequests, Is.Zero);
    }

    [Test]
    public async Task A_version_with_a_line_break_is_refused_before_sending()
    {
        using var api = new IntegryApi();
        using var arguments = JsonDocument.Parse("{}");

        await Assert.ThatAsync(
            () => api.CreateClient().InvokeFunctionAsync("slack-post-message", arguments.RootElement, new InvokeFunctionOptions { Version = "3\r\nX-Injected: 1" }),
            Throws.InstanceOf<ArgumentException>().With.Message.Contains("Version"));

        Assert.That(api.UnexpectedRequests, Is.Zero);
    }
}
