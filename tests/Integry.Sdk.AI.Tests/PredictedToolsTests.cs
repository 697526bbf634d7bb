using System.Text.Json;
using Integry.Sdk.AgentTests;

namespace Integry.Sdk.AI.Tests;

/// <summary>GetAIFunctionsAsync with a prompt: the tools are Integry's predicted functions, filtered like a listing.</summary>
public class PredictedToolsTests
{
    [Test]
    public async Task Against_the_emulator_the_prompt_picks_the_fitting_passthrough_only_when_passthroughs_are_asked_for()
    {
        await using var world = await AgentWorld.StartAsync();

        var withPassthroughs = await world.Client.GetAIFunctionsAsync(new IntegryAIFunctionsOptions { Prompt = "show the crm contacts", IncludePassthrough = true });
        var without = await world.Client.GetAIFunctionsAsync(new IntegryAIFunctionsOptions { Prompt = "show the crm contacts" });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(withPassthroughs.Select(tool => tool.Name), Is.EqualTo(new[] { "crm-passthrough-request" }));
            Assert.That(without, Is.Empty, "the emulator predicts passthroughs only, and they were not asked for");
        }
    }

    [Test]
    public async Task Against_the_emulator_the_policy_and_the_app_filter_narrow_the_prediction()
    {
        await using var world = await AgentWorld.StartAsync();
        var unrestricted = new IntegryClient(new IntegryClientOptions { AppKey = AgentWorld.AppKey, AppSecret = AgentWorld.AppSecret, UserId = AgentWorld.UserId, BaseAddress = world.Emulator.BaseAddress });

        var billingUnrestricted = await unrestricted.GetAIFunctionsAsync(new IntegryAIFunctionsOptions { Prompt = "billing invoices", IncludePassthrough = true });
        var billingUnderPolicy = await world.Client.GetAIFunctionsAsync(new IntegryAIFunctionsOptions { Prompt = "billing invoices", IncludePassthrough = true });
        var ticketsOnly = await unrestricted.GetAIFunctionsAsync(new IntegryAIFunctionsOptions { Prompt = "crm contacts and tickets", App = "tickets", IncludePassthrough = true });
        var both = await unrestricted.GetAIFunctionsAsync(new IntegryAIFunctionsOptions { Prompt = "crm contacts and tickets", IncludePassthrough = true });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(billingUnrestricted.Select(tool => tool.Name), Is.EqualTo(new[] { "billing-passthrough-request" }));
            Assert.That(billingUnderPolicy, Is.Empty, "billing is outside the read-only policy's apps");
            Assert.That(ticketsOnly.Select(tool => tool.Name), Is.EqualTo(new[] { "tickets-passthrough-request" }));
            Assert.That(both.Select(tool => tool.Name), Is.EquivalentTo(new[] { "crm-passthrough-request", "tickets-passthrough-request" }));
        }
    }

    [Test]
    public async Task A_predicted_tool_runs_through_the_client_and_its_policy()
    {
        await using var world = await AgentWorld.StartAsync();
        var tools = await world.Client.GetAIFunctionsAsync(new IntegryAIFunctionsOptions { Prompt = "crm contacts", IncludePassthrough = true });

        var result = (JsonElement)(await tools.Single().InvokeAsync(new Microsoft.Extensions.AI.AIFunctionArguments { ["method"] = "GET", ["url"] = "v1/contacts" }))!;

        Assert.That(result.GetProperty("output").GetProperty("contacts")[0].GetProperty("name").GetString(), Is.EqualTo("Ada Lovelace"));
    }

    [Test]
    public async Task With_a_mocked_client_the_prompt_goes_to_predict_with_meta_and_the_filters_apply_to_its_answer()
    {
        var client = new PredictingClient(
            Function("hubspot-create-contact", "ACTION", "hubspot"),
            Function("hubspot-search-contacts", "QUERY", "hubspot"),
            Function("hubspot-passthrough-request", "PASSTHROUGH", "hubspot"),
            Function("slack-post-message", "ACTION", "slack"),
            new IntegryFunction { Name = "slack-passthrough-request" });

        var actionsAndQueries = await client.GetAIFunctionsAsync(new IntegryAIFunctionsOptions { Prompt = "add Ada to hubspot", ConnectedOnly = true });
        var queries = await client.GetAIFunctionsAsync(new IntegryAIFunctionsOptions { Prompt = "find Ada", Type = FunctionType.Query });
        var hubspotWithPassthrough = await client.GetAIFunctionsAsync(new IntegryAIFunctionsOptions { Prompt = "hubspot", App = "hubspot", IncludePassthrough = true });
        var slackPassthroughWithoutMeta = await client.GetAIFunctionsAsync(new IntegryAIFunctionsOptions { Prompt = "slack", App = "slack", Type = FunctionType.Passthrough });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(actionsAndQueries.Select(tool => tool.Name), Is.EqualTo(new[] { "hubspot-create-contact", "hubspot-search-contacts", "slack-post-message" }), "Integry's order, passthroughs left out");
            Assert.That(queries.Select(tool => tool.Name), Is.EqualTo(new[] { "hubspot-search-contacts" }));
            Assert.That(hubspotWithPassthrough.Select(tool => tool.Name), Is.EqualTo(new[] { "hubspot-create-contact", "hubspot-search-contacts", "hubspot-passthrough-request" }));
            Assert.That(slackPassthroughWithoutMeta.Select(tool => tool.Name), Is.EqualTo(new[] { "slack-passthrough-request" }), "a passthrough is known by its name when meta is missing");
            Assert.That(client.Predictions, Is.EqualTo(new[] { "add Ada to hubspot connected_only=True meta=True", "find Ada connected_only=False meta=True", "hubspot connected_only=False meta=True", "slack connected_only=False meta=True" }));
            Assert.That(client.Listings, Is.Zero, "a prompt predicts instead of listing");
        }
    }

    [Test]
    public async Task A_policy_on_the_mocked_client_hides_predicted_functions_it_denies_by_name()
    {
        var client = new PredictingClient(Function("hubspot-create-contact", "ACTION", "hubspot"), Function("hubspot-search-contacts", "QUERY", "hubspot"));
        client.WithPolicy(new PassthroughPolicy(functions: ["hubspot-search-*"]));

        var tools = await client.GetAIFunctionsAsync(new IntegryAIFunctionsOptions { Prompt = "contacts" });

        Assert.That(tools.Select(tool => tool.Name), Is.EqualTo(new[] { "hubspot-search-contacts" }));
    }

    [TestCase("  ", null, "IntegryAIFunctionsOptions.Prompt is empty")]
    [TestCase("find Ada", "Ada", "IntegryAIFunctionsOptions.Prompt and Search both pick functions: set one of them.")]
    public async Task A_blank_prompt_or_a_prompt_with_a_search_is_an_argument_exception_and_nothing_is_asked(string prompt, string? search, string message)
    {
        var client = new PredictingClient();

        var exception = await Assert.ThrowsAsync<ArgumentException>(() => client.GetAIFunctionsAsync(new IntegryAIFunctionsOptions { Prompt = prompt, Search = search }));

        Assert.That(exception!.Message, Does.StartWith(message));
        Assert.That((client.Predictions.Count, client.Listings), Is.EqualTo((0, 0)));
    }

    private static IntegryFunction Function(string name, string type, string app) => new()
    {
        Name = name,
        Meta = new IntegryFunctionMeta { Type = type, App = new IntegryApp { Name = app } },
    };

    /// <summary>A mocked client: predict answers from a list and records what it was asked; listing counts its calls.</summary>
    private sealed class PredictingClient(params IntegryFunction[] predicted) : IntegryClient
    {
        private readonly List<PassthroughPolicy> _policies = [];

        public List<string> Predictions { get; } = [];

        public int Listings { get; private set; }

        public override IReadOnlyList<PassthroughPolicy> Policies => _policies;

        public override IntegryClient WithPolicy(PassthroughPolicy policy)
        {
            _policies.Add(policy);
            return this;
        }

        public override Task<IReadOnlyList<IntegryFunction>> PredictFunctionsAsync(string prompt, PredictFunctionsOptions? options = null, CancellationToken cancellationToken = default)
        {
            Predictions.Add($"{prompt} connected_only={options?.ConnectedOnly} meta={options?.IncludeMeta}");
            return Task.FromResult<IReadOnlyList<IntegryFunction>>(predicted);
        }

        public override Task<IReadOnlyList<IntegryFunction>> ListFunctionsAsync(FunctionType type, ListFunctionsOptions? options = null, CancellationToken cancellationToken = default)
        {
            Listings++;
            return Task.FromResult<IReadOnlyList<IntegryFunction>>([]);
        }
    }
}
