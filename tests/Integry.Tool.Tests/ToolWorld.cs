using Integry.Sdk;
using Integry.Sdk.Emulator;
using Integry.Sdk.Testing;

namespace Integry.Tool.Tests;

/// <summary>
/// The emulator in-process with a fake app (localcrm) that user-1 has connected as account 7 and user-2 has not, and
/// the INTEGRY_* variables that point the tool at it.
/// </summary>
internal sealed class ToolWorld : IAsyncDisposable
{
    public const string Token = "local-token-s3cr3t";

    private ToolWorld(FakeApp crm, IntegryEmulator emulator)
    {
        Crm = crm;
        Emulator = emulator;
        Variables = new Dictionary<string, string>
        {
            ["INTEGRY_APP_KEY"] = emulator.Config.AppKey,
            ["INTEGRY_APP_SECRET"] = emulator.Config.AppSecret,
            ["INTEGRY_USER_ID"] = "user-1",
            ["INTEGRY_BASE_ADDRESS"] = emulator.BaseAddress.AbsoluteUri,
        };
    }

    public FakeApp Crm { get; }

    public IntegryEmulator Emulator { get; }

    public Dictionary<string, string> Variables { get; }

    public string AppSecret => Emulator.Config.AppSecret;

    public static async Task<ToolWorld> StartAsync()
    {
        var crm = await FakeApp.StartAsync("localcrm", app => app
            .MapGet("/contacts", FakeResponse.Json("""{"results":[{"id":"c-1","name":"Ada"}]}"""))
            .Map("DELETE", "/contacts/{id}", FakeResponse.Json("""{"deleted":true}"""))
            .RequireBearerToken(Token));
        var emulator = await IntegryEmulator.StartAsync(builder => builder
            .AddApp(crm.Definition)
            .AddUser("user-1", user => user.Connect("localcrm", new Credential.BearerToken(Token), "7", "ada@example.com"))
            .AddUser("user-2"));
        return new ToolWorld(crm, emulator);
    }

    public Dictionary<string, string> As(string userId) => new(Variables) { ["INTEGRY_USER_ID"] = userId };

    public string Url(string path) => new Uri(Crm.BaseAddress, path).AbsoluteUri;

    /// <summary>Asserts nothing reached the app and Integry ran no function.</summary>
    public void AssertNothingSent()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Crm.Requests, Is.Empty, "the app got a request");
            Assert.That(Emulator.Calls, Is.Empty, "the emulator ran a function");
        }
    }

    public void Clear()
    {
        Crm.ClearRequests();
        Emulator.ResetCallLog();
    }

    public async ValueTask DisposeAsync()
    {
        await Emulator.DisposeAsync();
        await Crm.DisposeAsync();
    }
}
