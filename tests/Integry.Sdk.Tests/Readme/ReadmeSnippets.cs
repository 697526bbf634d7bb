using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Integry.Sdk.Tests.Readme;

/// <summary>
/// The README's code blocks, kept here word for word so the build proves they compile. Tests in
/// <see cref="ReadmeSnippetsTests"/> run the ones that need no network.
/// </summary>
internal static class ReadmeSnippets
{
    public static async Task<Result> QuickstartAsync(string appKey, string appSecret)
    {
        var client = new IntegryClient(appKey, appSecret, userId: "user-42");

        Result result = await client.PassthroughAsync("slack",
            PassthroughRequest.Get("https://slack.com/api/conversations.list?limit=2"));

        Console.WriteLine(result.ToIndentedJson()); // {"network_code": "200", "output": {...}}
        return result;
    }

    public static async Task<Result> InvokeAsync(IntegryClient client)
    {
        var result = await client.InvokeFunctionAsync("slack-post-message",
            new JsonObject { ["channel"] = "C6F3LQ03A", ["text"] = "Hello" },
            connectedAccountId: "43654");
        return result;
    }

    public static void Register(IServiceCollection services, IConfiguration configuration)
    {
        var builder = new { Services = services, Configuration = configuration };
        builder.Services.AddIntegry(builder.Configuration.GetSection("Integry"))   // AppKey, AppSecret, UserId, BaseAddress, Timeout
            .AddLocalPassthrough()                                                 // optional: run passthroughs in-process
            .AddCredentialProvider<MyTokenStore>();                                // your ICredentialProvider
    }

    public static string Handle(Result result, List<string> log)
    {
        void Use(JsonElement output) => log.Add("use " + output.GetRawText());
        void Log(int code, JsonElement output) => log.Add($"log {code}");
        void Show(string error, IReadOnlyList<string> details, IReadOnlyDictionary<string, string>? fields) => log.Add("show " + error);

        switch (result)
        {
            case Result.Executed { NetworkCode: 200 } ok:
                Use(ok.Output);                       // JsonElement, byte-exact
                break;
            case Result.Executed failed:
                Log(failed.NetworkCode, failed.Output);
                break;
            case Result.Rejected rejected:
                Show(rejected.Error, rejected.ErrorDetails, rejected.FieldErrors);
                break;
        }

        var text = result.Match(ok => ok.Output.ToString(), rejected => rejected.Error);
        return text;
    }

    public static PassthroughOptions AddApp(PassthroughOptions options)
    {
        options.Apps.Add(new AppDefinition
        {
            Slug = "acme",
            DisplayName = "Acme",
            Hosts = ["api.acme.example", "{region}.acme.example"],
            BaseUrl = "https://api.acme.example/v2/",
            ApiKey = CredentialPlacement.Header("X-Acme-Key"),
        });
        return options;
    }

    public static IntegryClient TestingYourCode(HttpMessageHandler fakeHandler)
    {
        var credentials = new InMemoryCredentialProvider();
        credentials.Connect("user-1", "slack", new Credential.BearerToken("xoxb-test"));
        var executor = new PassthroughExecutor(credentials, new PassthroughOptions { Handler = fakeHandler, AllowUnguardedHandler = true });
        var client = new IntegryClient(new IntegryClientOptions { UserId = "user-1", PassthroughExecutor = executor });
        return client;
    }
}

/// <summary>The README's credential provider, over a stand-in for the reader's database.</summary>
internal sealed class MyTokenStore(MyDbContext db) : ICredentialProvider
{
    public async ValueTask<Credential?> GetCredentialAsync(CredentialRequest request, CancellationToken cancellationToken = default)
    {
        var row = await db.Tokens.FindAsync([request.UserId, request.App, request.ConnectedAccountId], cancellationToken);
        return row is null ? null : new Credential.BearerToken(row.AccessToken, row.ExpiresAt)
        {
            Metadata = row.Metadata, // tenant facts such as Zendesk's "subdomain" or Salesforce's "instance"
        };
    }
}

/// <summary>A stand-in for an EF Core context: just enough shape for the README's provider to compile and run.</summary>
internal sealed class MyDbContext
{
    public TokenTable Tokens { get; } = new();
}

internal sealed class TokenTable
{
    public Dictionary<(string, string, string?), TokenRow> Rows { get; } = [];

    public ValueTask<TokenRow?> FindAsync(object?[] key, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Rows.GetValueOrDefault(((string)key[0]!, (string)key[1]!, (string?)key[2])));
}

internal sealed record TokenRow(string AccessToken, DateTimeOffset? ExpiresAt, IReadOnlyDictionary<string, string> Metadata);
