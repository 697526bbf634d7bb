using System.Text.Json;
using System.Text.Json.Nodes;
using Integry.Sdk.Tests.TestSupport;

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
        using var variables = JsonDocument.Parse("""{"name":"B"}""");

        await Assert.ThatAsync(
            () => api.CreateClient().InvokeFunctionAsync("slack-post-message", arguments.RootElement, new FunctionCallOptions { Variables = variables.RootElement }),
            Throws.InstanceOf<ArgumentException>().With.Message.Contains("_variables").And.Message.Contains("not both"));

        Assert.That(api.UnexpectedRequests, Is.Zero);
    }

    [Test]
    public async Task Variables_that_are_not_a_json_object_are_refused()
    {
        using var api = new IntegryApi();
        using var arguments = JsonDocument.Parse("{}");
        using var variables = JsonDocument.Parse("""["name"]""");

        await Assert.ThatAsync(
            () => api.CreateClient().InvokeFunctionAsync("slack-post-message", arguments.RootElement, new FunctionCallOptions { Variables = variables.RootElement }),
            Throws.InstanceOf<ArgumentException>().With.Message.Contains("_variables"));

        Assert.That(api.UnexpectedRequests, Is.Zero);
    }

    [Test]
    public async Task Null_call_options_are_refused()
    {
        using var api = new IntegryApi();
        using var arguments = JsonDocument.Parse("{}");

        await Assert.ThatAsync(
            () => api.CreateClient().InvokeFunctionAsync("slack-post-message", arguments.RootElement, (FunctionCallOptions)null!),
            Throws.InstanceOf<ArgumentNullException>().With.Property(nameof(ArgumentException.ParamName)).EqualTo("options"));

        Assert.That(api.UnexpectedRequests, Is.Zero);
    }

    [Test]
    public async Task A_version_with_a_line_break_is_refused_before_sending()
    {
        using var api = new IntegryApi();
        using var arguments = JsonDocument.Parse("{}");

        await Assert.ThatAsync(
            () => api.CreateClient().InvokeFunctionAsync("slack-post-message", arguments.RootElement, new FunctionCallOptions { Version = "3\r\nX-Injected: 1" }),
            Throws.InstanceOf<ArgumentException>().With.Message.Contains("Version"));

        Assert.That(api.UnexpectedRequests, Is.Zero);
    }
}
