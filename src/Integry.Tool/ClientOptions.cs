using System.CommandLine;

namespace Integry.Tool;

/// <summary>The options that say which Integry to call and as whom, each with its environment variable.</summary>
internal sealed class ClientOptions
{
    private readonly CliEnvironment _environment;

    public ClientOptions(CliEnvironment environment)
    {
        _environment = environment;
        AppKey = new Option<string?>("--app-key") { Description = "The app key (default: INTEGRY_APP_KEY)." };
        AppSecret = new Option<string?>("--app-secret") { Description = "The app secret (default: INTEGRY_APP_SECRET)." };
        UserId = new Option<string?>("--user-id", "--user") { Description = "The end user to call for (default: INTEGRY_USER_ID)." };
        BaseAddress = new Option<string?>("--base-address") { Description = "Integry's address, such as the emulator's http://127.0.0.1:5080/ (default: INTEGRY_BASE_ADDRESS, else https://api.integry.io/)." };
        Table = new Option<bool>("--table") { Description = "Print a table for people instead of the wire JSON." };
    }

    public Option<string?> AppKey { get; }

    public Option<string?> AppSecret { get; }

    public Option<string?> UserId { get; }

    public Option<string?> BaseAddress { get; }

    public Option<bool> Table { get; }

    public void AddTo(Command command, bool table = true)
    {
        command.Options.Add(AppKey);
        command.Options.Add(AppSecret);
        command.Options.Add(UserId);
        command.Options.Add(BaseAddress);
        if (table)
        {
            command.Options.Add(Table);
        }
    }

    public IntegryClient CreateClient(ParseResult parseResult)
    {
        var options = new IntegryClientOptions
        {
            AppKey = Required(parseResult, AppKey, "INTEGRY_APP_KEY"),
            AppSecret = Required(parseResult, AppSecret, "INTEGRY_APP_SECRET"),
            UserId = Required(parseResult, UserId, "INTEGRY_USER_ID"),
        };
        if (Read(parseResult, BaseAddress, "INTEGRY_BASE_ADDRESS") is { } address)
        {
            if (!Uri.TryCreate(address.EndsWith('/') ? address : address + "/", UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                throw new UsageException($"--base-address '{address}' is not an http or https URL.");
            }

            options.BaseAddress = uri;
        }

        return new IntegryClient(options);
    }

    private string Required(ParseResult parseResult, Option<string?> option, string variable) =>
        Read(parseResult, option, variable) ?? throw new UsageException($"{option.Name} is required (or set {variable}).");

    private string? Read(ParseResult parseResult, Option<string?> option, string variable) =>
        parseResult.GetValue(option) is { Length: > 0 } value ? value
        : _environment.GetVariable(variable) is { Length: > 0 } fromEnvironment ? fromEnvironment
        : null;
}
