using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Integry.Sdk.IntegrationTests.Emulator;

/// <summary>The emulator as a command: started with --port and --config, it serves the config's users and stops on SIGTERM.</summary>
public class EmulatorCommandTests
{
    [Test]
    public async Task The_command_serves_the_config_and_stops_on_sigterm()
    {
        var port = FreePort();
        var config = Path.Combine(Path.GetTempPath(), $"integry-emulator-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(config, """
            { "appKey": "cmd-key", "appSecret": "cmd-secret",
              "users": [ { "id": "user-9", "accounts": [ { "app": "slack", "id": "1", "credential": { "type": "bearer", "token": "xoxb-cmd" } } ] } ] }
            """);
        var emulatorDll = Path.Combine(TestContext.CurrentContext.TestDirectory, "Integry.Sdk.Emulator.dll");
        using var process = Process.Start(new ProcessStartInfo("dotnet", $"\"{emulatorDll}\" --port {port} --config \"{config}\"")
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        try
        {
            var banner = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            using var request = new HttpRequestMessage(HttpMethod.Post, "apps/slack/get/");
            request.Headers.Add("App-Key", "cmd-key");
            request.Headers.Add("User-ID", "user-9");
            request.Headers.Add("Hash", Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("cmd-secret"), Encoding.UTF8.GetBytes("user-9"))));
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();

            Process.Start("kill", $"-TERM {process.Id}")!.WaitForExit();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

            using (Assert.EnterMultipleScope())
            {
                Assert.That(banner, Does.StartWith($"Integry emulator listening on http://127.0.0.1:{port}/"));
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
                Assert.That(body, Does.Contain("\"connected_accounts\":[{\"id\":1,"));
                Assert.That(process.HasExited, Is.True);
            }
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            File.Delete(config);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
