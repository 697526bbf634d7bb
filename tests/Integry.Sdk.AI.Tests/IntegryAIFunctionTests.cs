using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Integry.Sdk.AI.Tests;

public class IntegryAIFunctionTests
{
    private static readonly JsonElement Schema = Parse("""
        {"type":"object","properties":{"channel":{"type":"string","description":"Channel id"},"count":{"type":"integer"}},"required":["channel"]}
        """);

    [Test]
    public void The_tool_carries_integrys_name_description_and_schema()
    {
        var tool = new IntegryAIFunction(new RecordingClient(), new IntegryFunction { Name = "slack-list-messages", Description = "Lists messages.", Parameters = Schema });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(tool.Name, Is.EqualTo("slack-list-messages"));
            Assert.That(tool.Description, Is.EqualTo("Lists messages."));
            Assert.That(tool.JsonSchema.GetRawText(), Is.EqualTo(Schema.GetRawText()));
        }
    }

    [Test]
    public void A_function_without_parameters_gets_an_empty_object_schema()
    {
        var tool = new IntegryAIFunction(new RecordingClient(), new IntegryFunction { Name = "slack-whoami" });

        Assert.That(tool.JsonSchema.GetRawText(), Is.EqualTo("""{"type":"object","properties":{}}"""));
    }

    [Test]
    public async Task Arguments_that_break_the_schema_are_a_rejection_the_model_reads_and_nothing_is_called()
    {
        var client = new RecordingClient();
        var tool = new IntegryAIFunction(client, new IntegryFunction { Name = "slack-list-messages", Parameters = Schema });

        var result = (JsonElement)(await tool.InvokeAsync(new AIFunctionArguments { ["count"] = Parse("\"ten\"") }))!;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.GetProperty("error").GetString(), Is.EqualTo("Could not call the function due to invalid input. Please see `error_details` for further information."));
            Assert.That(result.GetProperty("error_details").GetProperty("arguments").GetString(), Does.Contain("channel"));
            Assert.That(result.GetProperty("error_details").GetProperty("count").GetString(), Does.Contain("integer"));
            Assert.That(client.Calls, Is.Empty);
        }
    }

    [Test]
    public async Task An_argument_the_json_options_cannot_write_is_a_rejection_not_an_exception()
    {
        var client = new RecordingClient();
        var tool = new IntegryAIFunction(client, new IntegryFunction { Name = "slack-list-messages", Parameters = Schema });

        var result = (JsonElement)(await tool.InvokeAsync(new AIFunctionArguments { ["channel"] = typeof(string) }))!;

        Assert.That(result.GetProperty("error_details").GetProperty("channel").GetString(), Does.StartWith("Could not be read as JSON"));
        Assert.That(client.Calls, Is.Empty);
    }

    [Test]
    public async Task Fitting_arguments_are_sent_through_the_client_with_the_account_and_the_result_comes_back_as_wire_json()
    {
        var client = new RecordingClient { Answer = new Result.Executed(200, Parse("""{"ok":true,"n":12345678901234567890}""")) };
        var tool = new IntegryAIFunction(client, new IntegryFunction { Name = "slack-list-messages", Parameters = Schema }, connectedAccountId: "acct-2");

        var result = (JsonElement)(await tool.InvokeAsync(new AIFunctionArguments { ["channel"] = "C1", ["count"] = Parse("2") }))!;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.GetRawText(), Is.EqualTo("""{"network_code":"200","output":{"ok":true,"n":12345678901234567890}}"""));
            Assert.That(client.Calls.Single(), Is.EqualTo("""slack-list-messages {"channel":"C1","count":2} acct-2"""));
        }
    }

    [Test]
    public async Task A_client_that_refuses_the_arguments_becomes_a_rejection()
    {
        var client = new RecordingClient { Throw = new ArgumentException("Variables (_variables) must be a JSON object.", "options") };
        var tool = new IntegryAIFunction(client, new IntegryFunction { Name = "slack-list-messages", Parameters = Schema });

        var result = (JsonElement)(await tool.InvokeAsync(new AIFunctionArguments { ["channel"] = "C1" }))!;

        Assert.That(result.GetProperty("error_details").GetProperty("options").GetString(), Is.EqualTo("Variables (_variables) must be a JSON object. (Parameter 'options')"));
    }

    [Test]
    public async Task Listing_filters_by_type_app_connection_search_and_policy_and_adds_passthroughs_only_when_asked()
    {
        var client = new RecordingClient();
        client.Listed[FunctionType.Action] = [new IntegryFunction { Name = "slack-post-message" }, new IntegryFunction { Name = "hubspot-create-contact" }];
        client.Listed[FunctionType.Query] = [new IntegryFunction { Name = "hubspot-get-contact" }];
        client.Listed[FunctionType.Passthrough] = [new IntegryFunction { Name = "hubspot-passthrough-request" }, new IntegryFunction { Name = "slack-passthrough-request" }];
        var policed = client.WithPolicy(new PassthroughPolicy(apps: ["hubspot"], readOnly: true, functions: ["hubspot-get-*", "slack-post-message"]));

        var plain = await policed.GetAIFunctionsAsync(new IntegryAIFunctionsOptions { App = "hubspot", ConnectedOnly = true, Search = "contact" });
        var withPassthrough = await policed.GetAIFunctionsAsync(new IntegryAIFunctionsOptions { IncludePassthrough = true });
        var queriesOnly = await policed.GetAIFunctionsAsync(new IntegryAIFunctionsOptions { Type = FunctionType.Query });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(plain.Select(tool => tool.Name), Is.EqualTo(new[] { "slack-post-message", "hubspot-get-contact" }));
            Assert.That(client.Listings[0], Is.EqualTo("Action app=hubspot connected=True search=contact"));
            Assert.That(withPassthrough.Select(tool => tool.Name), Is.EqualTo(new[] { "slack-post-message", "hubspot-get-contact", "hubspot-passthrough-request" }));
            Assert.That(queriesOnly.Select(tool => tool.Name), Is.EqualTo(new[] { "hubspot-get-contact" }));
        }
    }

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    /// <summary>A mock client (the protected constructor): records calls and listings, answers from a script.</summary>
    private sealed class RecordingClient : IntegryClient
    {
        private readonly List<PassthroughPolicy> _policies = [];

        public List<string> Calls { get; } = [];

        public List<string> Listings { get; } = [];

        public Dictionary<FunctionType, IReadOnlyList<IntegryFunction>> Listed { get; } = [];

        public Result Answer { get; set; } = new Result.Executed(200, default);

        public Exception? Throw { get; set; }

        public override IReadOnlyList<PassthroughPolicy> Policies => _policies;

        public override IntegryClient WithPolicy(PassthroughPolicy policy)
        {
            _policies.Add(policy);
            return this;
        }

        public override Task<Result> InvokeFunctionAsync(string functionName, FunctionArguments arguments, InvokeFunctionOptions? options = null, CancellationToken cancellationToken = default)
        {
            if (Throw is not null)
            {
                throw Throw;
            }

            Calls.Add($"{functionName} {arguments} {options?.ConnectedAccountId}");
            return Task.FromResult(Answer);
        }

        public override Task<IReadOnlyList<IntegryFunction>> ListFunctionsAsync(FunctionType type, ListFunctionsOptions? options = null, CancellationToken cancellationToken = default)
        {
            Listings.Add($"{type} app={options?.App} connected={options?.ConnectedOnly} search={options?.Search}");
            return Task.FromResult(Listed.GetValueOrDefault(type) ?? []);
        }
    }
}
