using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Integry.Sdk.Emulator;

namespace Integry.Tool.Tests;

/// <summary>integry emulator: in-process until cancelled, bad config and busy ports; and once as a real process stopped by SIGTERM.</summary>
public class EmulatorCommandTests
{
    [Test]
    public async Task The_command_serves_until_cancelled_then_stops_cleanly()
    {
        using var output = new SignallingWriter("listening on");
        using var error = new StringWriter();
        using var stop = new CancellationTokenSource();
        var run = IntegryCli.RunAsync(["emulator", "--port", "0"], new CliEnvironment(output, error, _ => null), stop.Token);

        var banner = await output.Seen.WaitAsync(TimeSpan.FromSeconds(30));
        var address = banner["Integry emulator listening on ".Length..banner.IndexOf(' ', "Integry emulator listening on ".Length)];
        using var http = new HttpClient();
        using var content = new StringContent("{}");
        using var response = await http.PostAsync(new Uri(new Uri(address), "functions/list/"), content);
        await stop.CancelAsync();
        var exitCode = await run.WaitAsync(TimeSpan.FromSeconds(30));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "the emulator answered, unsigned requests refused");
            Assert.That(exitCode, Is.Zero);
            Assert.That(output.ToString(), Does.EndWith("Integry emulator stopped." + Environment.NewLine));
            Assert.That(error.ToString(), Is.Empty);
        }
    }

    [TestCase("{ \"users\": [ { \"id\": ", "cannot be used: ")]
    [TestCase("{ \"users\": [ { \"id\": \"u\", \"accounts\": [ { \"app\": \"slack\", \"id\": \"1\", \"credential\": { \"type\": \"carrier-pigeon\" } } ] } ] }", "Credential type 'carrier-pigeon' is not one of bearer, apiKey, basic, custom.")]
    public async Task A_malformed_config_is_one_line_exit_2_and_nothing_listens(string json, string message)
    {
        var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"bad-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, json);
        try
        {
            var (exitCode, output, error) = await ToolRun.RunAsync(null, "emulator", "--port", "0", "--config", path);

            using (Assert.EnterMultipleScope())
            {
                Assert.That(exitCode, Is.EqualTo(2));
                Assert.That(error, Does.StartWith($"integry: the emulator config '{path}' cannot be used: ").And.Contain(message));
                Assert.That(error.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
                Assert.That(output, Is.Empty, "no 'listening on' banner: the config is read before anything binds");
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public async Task A_port_in_use_is_a_clear_message_and_exit_3()
    {
        await using var busy = await IntegryEmulator.StartAsync(_ => { });
        var port = busy.BaseAddress.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var (exitCode, _, error) = await ToolRun.RunAsync(null, "emulator", "--port", port);

        Assert.That((exitCode, error.Trim()), Is.EqualTo((3, $"integry: The emulator cannot listen on 127.0.0.1:{port}: the port is in use. Pick another with --port, or --port 0 for a free one.")));
    }

    [Test]
    public async Task The_tool_process_serves_the_config_and_stops_on_sigterm()
    {
        var config = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"integry-emulator-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(config, """
            { "appKey": "cmd-key", "appSecret": "cmd-secret",
              "users": [ { "id": "user-9", "accounts": [ { "app": "slack", "id": "1", "credential": { "type": "bearer", "token": "xoxb-cmd" } } ] } ] }
            """);
        var tool = Path.Combine(TestContext.CurrentContext.TestDirectory, "integry.dll");
        using var process = Process.Start(new ProcessStartInfo("dotnet", $"\"{tool}\" emulator --port 0 --config \"{config}\"")
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        try
        {
            // The process binds a port the OS picks and names it in its banner: no port is chosen before it listens.
            var banner = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)) ?? string.Empty;
            var port = BannerPort(banner);
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            using var request = new HttpRequestMessage(HttpMethod.Post, "apps/slack/get/");
            request.Headers.Add("App-Key", "cmd-key");
            request.Headers.Add("User-ID", "user-9");
            request.Headers.Add("Hash", Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("cmd-secret"), Encoding.UTF8.GetBytes("user-9"))));
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();

            // SIGTERM through the OS, as a container runtime sends it.
            PosixSignals.Send(process, PosixSignal.SIGTERM);
            var rest = await process.StandardOutput.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

            using (Assert.EnterMultipleScope())
            {
                Assert.That(banner, Does.StartWith($"Integry emulator listening on http://127.0.0.1:{port}/"));
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
                Assert.That(body, Does.Contain("\"connected_accounts\":[{\"id\":1,"));
                Assert.That(rest, Does.EndWith("Integry emulator stopped." + Environment.NewLine));
                Assert.That(process.ExitCode, Is.Zero);
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

    private static int BannerPort(string banner)
    {
        const string Prefix = "Integry emulator listening on ";
        Assert.That(banner, Does.StartWith(Prefix + "http://127.0.0.1:"));
        var address = new Uri(banner[Prefix.Length..].Split(' ')[0]);
        return address.Port;
    }
}
