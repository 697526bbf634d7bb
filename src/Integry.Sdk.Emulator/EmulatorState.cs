namespace Integry.Sdk.Emulator;

/// <summary>The emulated platform: the client that runs passthroughs locally, and who has connected what.</summary>
internal sealed class EmulatorState
{
    public EmulatorState(EmulatorConfig config, IReadOnlyList<AppDefinition> apps, HttpMessageHandler? upstreamHandler)
    {
        Config = config;
        var credentials = new InMemoryCredentialProvider();
        foreach (var user in config.Users)
        {
            foreach (var account in user.Accounts)
            {
                credentials.Connect(user.Id, account.App, account.Credential.ToCredential(account.Metadata), account.Id);
            }
        }

        // A handler given by a test may be a double that opens no sockets; the executor's own handler is always guarded.
        var options = new PassthroughOptions { IncludeBuiltInApps = config.IncludeBuiltInApps, Handler = upstreamHandler, AllowUnguardedHandler = upstreamHandler is not null };
        foreach (var app in config.Apps)
        {
            options.Apps.Add(app.ToDefinition());
        }

        // Apps added in code (IntegryEmulatorBuilder.AddApp) take their definitions as they are.
        foreach (var app in apps)
        {
            options.Apps.Add(app);
        }

        CallLog = new InMemoryFunctionCallLog(10_000);
        options.CallLog = CallLog;
        Executor = new PassthroughExecutor(credentials, options);
        Client = new IntegryClient(new IntegryClientOptions { PassthroughExecutor = Executor });
    }

    public EmulatorConfig Config { get; }

    public PassthroughExecutor Executor { get; }

    public IntegryClient Client { get; }

    public InMemoryFunctionCallLog CallLog { get; }

    public IReadOnlyList<EmulatorAccount> AccountsOf(string userId, string app) =>
        Config.Users.Where(user => user.Id == userId)
            .SelectMany(user => user.Accounts)
            .Where(account => string.Equals(account.App, app, StringComparison.OrdinalIgnoreCase))
            .ToArray();
}
