using System.Text.Json;

namespace Integry.Sdk.IntegrationTests.TestSupport;

/// <summary>
/// A local passthrough executor pointed at a <see cref="FaultServer"/>: one app (<c>faulty</c>, on 127.0.0.1 and allowed
/// the local network), one user with one credential, and options small enough for faults to end fast. Retries wait
/// nothing by default (<see cref="PassthroughOptions.RetryBaseDelay"/> is zero).
/// </summary>
internal sealed class FaultRig : IDisposable
{
    public const string UserId = "user-1";
    public const string Slug = "faulty";
    public const string Token = "token-old-123456";

    private readonly HttpClient _http;

    private FaultRig(InMemoryCredentialProvider credentials, PassthroughExecutor executor, FaultClientHandler handler, HttpClient http)
    {
        Credentials = credentials;
        Executor = executor;
        Handler = handler;
        _http = http;
        Client = new IntegryClient(new IntegryClientOptions { UserId = UserId, PassthroughExecutor = executor });
    }

    public InMemoryCredentialProvider Credentials { get; }

    public PassthroughExecutor Executor { get; }

    public FaultClientHandler Handler { get; }

    public IntegryClient Client { get; }

    public static AppDefinition App(FaultServer server) => new()
    {
        Slug = Slug,
        DisplayName = "Faulty App",
        Hosts = ["127.0.0.1"],
        BaseUrl = server.BaseAddress.AbsoluteUri,
        AllowLocalNetwork = true,
    };

    public static FaultRig Create(
        FaultServer server,
        Action<PassthroughOptions>? configure = null,
        Func<AppDefinition, AppDefinition>? app = null,
        Credential? credential = null,
        TimeProvider? clock = null,
        int maxConnectionsPerServer = int.MaxValue)
    {
        var options = new PassthroughOptions
        {
            IncludeBuiltInApps = false,
            MaxRetries = 2,
            RetryBaseDelay = TimeSpan.Zero,
            AttemptTimeout = TimeSpan.FromSeconds(5),
            Timeout = TimeSpan.FromSeconds(10),
        };
        options.Apps.Add((app ?? (definition => definition))(App(server)));
        configure?.Invoke(options);
        var credentials = new InMemoryCredentialProvider();
        credentials.Connect(UserId, Slug, credential ?? new Credential.BearerToken(Token), "acct-1");
        var handler = new FaultClientHandler(maxConnectionsPerServer);
        var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        options.Handler = handler;
        options.TimeProvider = clock ?? Fault.StillClock();
        var executor = new PassthroughExecutor(credentials, options);
        return new FaultRig(credentials, executor, handler, http);
    }

    public Task<Result> GetAsync(string path) => Client.PassthroughAsync(Slug, PassthroughRequest.Get(path));

    public Task<Result> SendAsync(HttpMethod method, string path, string? json = null) =>
        Client.PassthroughAsync(Slug, new PassthroughRequest(method, path, json is null ? null : JsonDocument.Parse(json).RootElement.Clone()));

    public void Dispose() => _http.Dispose();
}
