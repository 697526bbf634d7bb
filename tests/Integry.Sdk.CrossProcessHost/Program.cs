// One instance of a user's app, for the cross-process credential tests.
//   seed  --db F --keys D --token T --refresh R --expires UNIX   creates the store and connects user-1's farmapp account
//   serve --db F --keys D --app URL --token-endpoint URL --clock UNIX   then reads commands on stdin:
//     run N        N concurrent passthrough calls; answers "done ok=.. lost=.. tokens=tok:count,.. error=<first error>"
//     advance S    moves this instance's clock S seconds; answers "advanced"
//     exit
using System.Globalization;
using Integry.Sdk;
using Integry.Sdk.CrossProcessHost;
using Integry.Sdk.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

var mode = args[0];
var settings = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 1; i + 1 < args.Length; i += 2)
{
    settings[args[i].TrimStart('-')] = args[i + 1];
}

const string User = "user-1";
const string App = "farmapp";
var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(long.Parse(settings.GetValueOrDefault("clock", "1893456000"), CultureInfo.InvariantCulture)));
var services = new ServiceCollection();
services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(settings["keys"])).SetApplicationName("integry-cross-process");
services.AddDbContext<HostDbContext>(options => options.UseSqlite($"Data Source={settings["db"]}"));

if (mode == "seed")
{
    services.AddSingleton<ICredentialProtector>(provider => new DataProtectionCredentialProtector(provider.GetRequiredService<IDataProtectionProvider>()));
    await using var seeding = services.BuildServiceProvider();
    await using var scope = seeding.CreateAsyncScope();
    var context = scope.ServiceProvider.GetRequiredService<HostDbContext>();
    await context.Database.EnsureDeletedAsync();
    await context.Database.EnsureCreatedAsync();
    // Readers never wait for the writer, as a production SQLite store would be set up.
    await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
    var store = new EntityFrameworkCoreCredentialProvider<HostDbContext>(context, scope.ServiceProvider.GetRequiredService<ICredentialProtector>());
    var expires = DateTimeOffset.FromUnixTimeSeconds(long.Parse(settings["expires"], CultureInfo.InvariantCulture));
    await store.ConnectAsync(User, App, new Credential.BearerToken(settings["token"], expires) { RefreshToken = settings["refresh"] }, "acct-1");
    Console.WriteLine("seeded");
    return 0;
}

// The executor, the refresher and the store's leases run on this instance's own clock, which the test moves (every
// instance's the same way); it stands still during a batch, so no lease lapses because the machine is slow. The store
// paces its looks at the database in real time whatever the clock.
services.AddSingleton<TimeProvider>(clock);
services.AddSingleton<ITokenRefresher>(new OAuth2TokenRefresher(
    new HttpClient(),
    [new OAuth2App { App = App, TokenEndpoint = new Uri(settings["token-endpoint"]), ClientId = "farm-client", ClientSecret = "farm-secret" }],
    clock));
services.AddIntegry(options => options.UserId = User)
    .AddLocalPassthrough(options =>
    {
        options.IncludeBuiltInApps = false;
        options.Timeout = TimeSpan.FromMinutes(2);
        options.RetryBaseDelay = TimeSpan.Zero;
        options.Apps.Add(new AppDefinition { Slug = App, DisplayName = "Farm App", Hosts = ["127.0.0.1"], BaseUrl = settings["app"], AllowLocalNetwork = true });
    })
    .AddEntityFrameworkCoreCredentials<HostDbContext>(options => options.PollInterval = TimeSpan.FromMilliseconds(10));
await using var provider = services.BuildServiceProvider();
var client = provider.GetRequiredService<IntegryClient>();
Console.WriteLine("ready");

while (Console.ReadLine() is { } line)
{
    var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    switch (parts[0])
    {
        case "run":
            var count = int.Parse(parts[1], CultureInfo.InvariantCulture);
            var calls = Enumerable.Range(0, count).Select(_ => CallAsync(client)).ToArray();
            var outcomes = await Task.WhenAll(calls);
            var tokens = outcomes.Where(o => o.Token is not null).GroupBy(o => o.Token!).Select(g => $"{g.Key}:{g.Count()}");
            var error = outcomes.FirstOrDefault(o => o.Token is null).Error ?? "-";
            Console.WriteLine($"done ok={outcomes.Count(o => o.Token is not null)} lost={outcomes.Count(o => o.Token is null)} tokens={string.Join(',', tokens)} error={error.ReplaceLineEndings(" ")}");
            break;
        case "advance":
            clock.Advance(TimeSpan.FromSeconds(int.Parse(parts[1], CultureInfo.InvariantCulture)));
            Console.WriteLine("advanced");
            break;
        case "exit":
            return 0;
    }
}

return 0;

static async Task<(string? Token, string? Error)> CallAsync(IntegryClient client)
{
    // Yield first so every call of the batch is started before any finishes.
    await Task.Yield();
    try
    {
        var result = await client.PassthroughAsync(App, PassthroughRequest.Get("whoami"));
        return result is Result.Executed { NetworkCode: 200 } executed
            ? (executed.Output.GetProperty("token").GetString(), null)
            : (null, result.ToString());
    }
    catch (Exception exception)
    {
        return (null, exception.GetType().Name + ": " + exception.Message);
    }
}
