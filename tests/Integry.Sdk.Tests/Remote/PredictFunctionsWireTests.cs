using System.Text.Json.Nodes;
using Integry.Sdk.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.Remote;

/// <summary><c>PredictFunctionsAsync</c>: <c>POST functions/predict/</c> with its query flags and <c>{prompt, _variables}</c>.</summary>
public class PredictFunctionsWireTests
{
    private const string Predicted = """
        {"functions":[{"name":"slack-post-message","description":"Post a message in a channel","parameters":{"type":"object"},
          "arguments":{"channel":"random","text":"{first_name} just signed up!"},"meta":{"app":{"id":491,"name":"slack","title":"Slack"},"type":"ACTION","ui":{"x":1}}}]}
        """;

    [Test]
    public async Task A_bare_prediction_posts_only_the_prompt()
    {
        using var api = new IntegryApi();
        api.ExpectPost("functions/predict/").WithExactQueryString(string.Empty).WithContent("""{"prompt":"say hello to my team on Slack"}""")
            .Respond("application/json", """{"functions":[]}""");

        var functions = await api.CreateClient().PredictFunctionsAsync("say hello to my team on Slack");

        api.Handler.VerifyNoOutstandingExpectation();
        Assert.That(functions, Is.Empty);
    }

    [Test]
    public async Task Every_option_goes_on_the_wire_and_the_answer_is_typed()
    {
        using var api = new IntegryApi();
        api.ExpectPost("functions/predict/")
            .WithExactQueryString("predict_arguments=true&connected_only=true&include=meta")
            .WithContent("""{"prompt":"Tell #random that a contact signed up","_variables":{"first_name":"John"}}""")
            .Respond("application/json", Predicted);

        var functions = await api.CreateClient().PredictFunctionsAsync(
            "Tell #random that a contact signed up",
            new PredictFunctionsOptions { PredictArguments = true, ConnectedOnly = true, IncludeMeta = true, Variables = new JsonObject { ["first_name"] = "John" } });

        api.Handler.VerifyNoOutstandingExpectation();
        var function = functions.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(function.Name, Is.EqualTo("slack-post-message"));
            JsonAssert.AreEqual("""{"channel":"random","text":"{first_name} just signed up!"}""", function.Arguments!.Value);
            Assert.That(function.Meta!.Type, Is.EqualTo("ACTION"));
            Assert.That(function.Meta.App!.Id, Is.EqualTo("491"));
            Assert.That(function.Meta.AdditionalProperties!.Keys, Is.EquivalentTo(new[] { "ui" }), "members the SDK does not name are kept");
        }
    }

    [TestCase("")]
    [TestCase("   ")]
    public async Task An_empty_prompt_is_an_argument_exception_and_nothing_is_sent(string prompt)
    {
        using var api = new IntegryApi();

        await Assert.ThrowsAsync(Is.InstanceOf<ArgumentException>(), () => api.CreateClient().PredictFunctionsAsync(prompt));
        Assert.That(api.UnexpectedRequests, Is.Zero);
    }

    [Test]
    public async Task A_local_only_client_says_prediction_needs_integry()
    {
        using var host = PassthroughTestHost.Create();

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => host.Client.PredictFunctionsAsync("list my Slack channels"));

        Assert.That(exception!.Message, Does.Contain("AppKey and AppSecret").And.Contain("local passthrough executor cannot predict"));
        Assert.That(host.UnexpectedRequests, Is.Zero);
    }
}
