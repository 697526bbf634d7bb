namespace Integry.Sdk.Emulator;

/// <summary>
/// Configures an <see cref="IntegryEmulator"/> in code: the app key and secret it accepts, the apps it serves and the
/// users with their connected accounts. Start from a JSON file with <see cref="LoadConfig"/> and add to it, or build
/// it all here.
/// </summary>
public sealed class IntegryEmulatorBuilder
{
    private readonly List<AppDefinition> _apps = [];

    internal IntegryEmulatorBuilder()
    {
    }

    /// <summary>Gets the config being built: the JSON file's shape, for settings this builder has no method for.</summary>
    public EmulatorConfig Config { get; private set; } = new();

    /// <summary>Gets or sets the port; 0 (the default) lets the OS pick a free one.</summary>
    public int Port { get; set; }

    /// <summary>Gets or sets what sends the passthroughs' onward requests; the executor's own handler when <see langword="null"/>.</summary>
    public HttpMessageHandler? UpstreamHandler { get; set; }

    internal IReadOnlyList<AppDefinition> Apps => _apps;

    /// <summary>Replaces the config with one read from a JSON file (the format of <c>emulator.sample.json</c>).</summary>
    /// <param name="path">The JSON file.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="System.Text.Json.JsonException">The file is not a valid emulator config.</exception>
    public IntegryEmulatorBuilder LoadConfig(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Config = EmulatorConfig.Load(path);
        return this;
    }

    /// <summary>Replaces the config with one built elsewhere; the builder's methods then add to it.</summary>
    /// <param name="config">The config.</param>
    /// <returns>This builder.</returns>
    public IntegryEmulatorBuilder UseConfig(EmulatorConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        Config = config;
        return this;
    }

    /// <summary>Sets the app key and secret the emulator accepts (by default <see cref="EmulatorConfig.DefaultAppKey"/> and <see cref="EmulatorConfig.DefaultAppSecret"/>).</summary>
    /// <param name="appKey">The app key.</param>
    /// <param name="appSecret">The app secret the <c>Hash</c> is checked with.</param>
    /// <returns>This builder.</returns>
    public IntegryEmulatorBuilder WithAppKey(string appKey, string appSecret)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(appKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(appSecret);
        Config.AppKey = appKey;
        Config.AppSecret = appSecret;
        return this;
    }

    /// <summary>Serves an app besides the built-in catalog, such as a local fake of the app's API.</summary>
    /// <param name="app">The app.</param>
    /// <returns>This builder.</returns>
    public IntegryEmulatorBuilder AddApp(AppDefinition app)
    {
        ArgumentNullException.ThrowIfNull(app);
        _apps.Add(app);
        return this;
    }

    /// <summary>Adds an end user, or adds accounts to a user already added.</summary>
    /// <param name="userId">The user id (<c>User-ID</c>).</param>
    /// <param name="configure">Connects the user's accounts; none when <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    public IntegryEmulatorBuilder AddUser(string userId, Action<EmulatorUserBuilder>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        var user = Config.Users.Find(existing => existing.Id == userId);
        if (user is null)
        {
            user = new EmulatorUser { Id = userId };
            Config.Users.Add(user);
        }

        configure?.Invoke(new EmulatorUserBuilder(user));
        return this;
    }
}
