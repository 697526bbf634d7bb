// Two instances of one ASP.NET Core app, one SQLite credential store, one user: see README.md.
//   dotnet run -- upstream  --urls http://127.0.0.1:5100                                     the "app" and its OAuth server
//   dotnet run -- instance  --urls http://127.0.0.1:5001 --Upstream http://127.0.0.1:5100/   an instance of your app
//   dotnet run -- instance  --urls http://127.0.0.1:5002 --Upstream http://127.0.0.1:5100/   another one
using Integry.Sdk;
using Integry.Sdk.EntityFrameworkCore;
using Integry.Sdk.Samples.WebFarm;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

var role = args.FirstOrDefault() ?? "instance";
var builder = WebApplication.CreateBuilder(args.Skip(1).ToArray());

if (role == "upstream")
{
    var upstream = builder.Build();
    Upstream.Map(upstream);
    await upstream.RunAsync();
    return;
}

var upstreamUrl = new Uri(builder.Configuration["Upstream"] ?? "http://127.0.0.1:5100/");
var store = builder.Configuration["Store"] ?? Path.Combine(Path.GetTempPath(), "integry-webfarm");
Directory.CreateDirectory(store);

// Every instance reads what any other wrote: one database, one Data Protection key ring and application name.
builder.Services.AddDbContext<FarmDbContext>(options => options.UseSqlite($"Data Source={Path.Combine(store, "credentials.db")}"));
builder.Services.AddDataProtection()
    .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(store, "keys")))
    .SetApplicationName("integry-webfarm-sample");
builder.Services.AddIntegry(options => options.UserId = Upstream.User)
    .AddLocalPassthrough(options =>
    {
        options.IncludeBuiltInApps = false;
        // The sample's app listens on loopback, so it must be allowed the local network; a real app is https on its own host.
        options.Apps.Add(new AppDefinition { Slug = Upstream.App, DisplayName = "Farm App", Hosts = ["127.0.0.1"], BaseUrl = upstreamUrl.AbsoluteUri, AllowLocalNetwork = true });
    })
    .AddEntityFrameworkCoreCredentials<FarmDbContext>(options => options.OAuth2Apps.Add(new OAuth2App
    {
        App = Upstream.App,
        TokenEndpoint = new Uri(upstreamUrl, "oauth/token"),
        ClientId = Upstream.ClientId,
        ClientSecret = Upstream.ClientSecret,
    }));

var app = builder.Build();
await using (var scope = app.Services.CreateAsyncScope())
{
    // The first instance creates the store; a real app applies its migrations instead (docs/credential-store.md).
    await scope.ServiceProvider.GetRequiredService<FarmDbContext>().Database.EnsureCreatedAsync();
}

// What your OAuth callback does once the user consented: store the tokens the token endpoint gave.
app.MapPost("/connect", async (EntityFrameworkCoreCredentialProvider<FarmDbContext> credentials, IHttpClientFactory http) =>
{
    var grant = await http.CreateClient().GetFromJsonAsync(new Uri(upstreamUrl, "oauth/consent"), FarmJsonContext.Default.Grant);
    await credentials.ConnectAsync(Upstream.User, Upstream.App, new Credential.BearerToken(grant!.AccessToken, DateTimeOffset.UtcNow.AddSeconds(grant.ExpiresIn)) { RefreshToken = grant.RefreshToken }, "account-1");
    return Results.Text($"connected {Upstream.App} for {Upstream.User}\n");
});

// A call through the local executor, with whatever credential is newest in the shared store.
app.MapGet("/call", async (IntegryClient client) =>
{
    var result = await client.PassthroughAsync(Upstream.App, PassthroughRequest.Get("whoami"));
    return Results.Text(result switch
    {
        Result.Executed { NetworkCode: 200 } executed => $"{builder.Configuration["urls"]}: 200, the app saw {executed.Output.GetProperty("token").GetString()}\n",
        _ => $"{builder.Configuration["urls"]}: {result}\n",
    });
});

await app.RunAsync();
