using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Integry.Tool.Tests;

/// <summary>
/// integry mcp as a real process on its own stdio (dotnet on the built tool), driven by the MCP C# SDK's client against
/// the emulator: initialize, tools/list, tools/call, a denial; stdout carries JSON-RPC only; stdin EOF and SIGTERM stop it.
/// </summary>
public class McpCommandTests : ToolWorldFixture
{
    [Test]
    public async Task A_client_lists_the_users_tools_calls_one_gets_a_denial_and_stdin_eof_stops_the_server()
    {
        using var server = StartServer("--connected-only", "--include-passthrough", "--allow-app", "localcrm", "--read-only");
        var stdout = new RecordingStream(server.Process.StandardOutput.BaseStream);
        var log = new StringBuilder();
        string[] tools;
        CallToolResult contacts;
        CallToolResult denied;
        string? serverName;
        await using (var client = await McpClient.CreateAsync(new StreamClientTransport(server.Process.StandardInput.BaseStream, stdout)).WaitAsync(Timeout))
        {
            serverName = client.ServerInfo?.Name;
            tools = (await client.ListToolsAsync().AsTask().WaitAsync(Timeout)).Select(tool => tool.Name).ToArray();
            log.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"tools/list -> {string.Join(", ", tools)}");
            contacts = await CallAsync(client, log, "localcrm-passthrough-request", "GET", World.Url("contacts"));
            denied = await CallAsync(client, log, "localcrm-passthrough-request", "DELETE", World.Url("contacts/1"));
        }

        server.Process.StandardInput.Close();
        await server.Process.WaitForExitAsync().WaitAsync(Timeout);
        var error = await server.Error.WaitAsync(Timeout);
        await TestContext.Out.WriteLineAsync(log.ToString());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(serverName, Is.EqualTo("integry"));
            Assert.That(tools, Is.EqualTo(new[] { "localcrm-passthrough-request" }), "only the connected app's passthrough");
            Assert.That(contacts.IsError, Is.Not.True);
            using var output = JsonDocument.Parse(Text(contacts));
            Assert.That(output.RootElement.GetProperty("output").GetProperty("results")[0].GetProperty("name").GetString(), Is.EqualTo("Ada"));
            Assert.That(denied.IsError, Is.True);
            Assert.That(Text(denied), Does.Contain("Denied by policy (rule: readOnly)."));
            Assert.That(World.Crm.Requests.Select(request => request.Method), Is.EqualTo(new[] { "GET" }), "the denied DELETE never reached the app");
            Assert.That(server.Process.ExitCode, Is.Zero, error);
            Assert.That(error, Does.Not.Contain("Exception").And.Not.Contain(ToolWorld.Token).And.Not.Contain(World.AppSecret));
            Assert.That(stdout.Lines(), Has.Length.GreaterThanOrEqualTo(4).And.All.Matches<string>(IsJsonRpc), "stdout carries MCP's JSON-RPC and nothing else");
        }
    }

    [Test]
    public async Task A_prompt_offers_the_functions_integry_predicts_for_it()
    {
        using var server = StartServer("--prompt", "read my localcrm", "--include-passthrough");
        string[] tools;
        await using (var client = await McpClient.CreateAsync(new StreamClientTransport(server.Process.StandardInput.BaseStream, server.Process.StandardOutput.BaseStream)).WaitAsync(Timeout))
        {
            tools = (await client.ListToolsAsync().AsTask().WaitAsync(Timeout)).Select(tool => tool.Name).ToArray();
        }

        server.Process.StandardInput.Close();
        await server.Process.WaitForExitAsync().WaitAsync(Timeout);

        Assert.That((tools, server.Process.ExitCode), Is.EqualTo((new[] { "localcrm-passthrough-request" }, 0)));
    }

    [TestCase(PosixSignal.SIGTERM)]
    [TestCase(PosixSignal.SIGINT)]
    public async Task Sigterm_and_ctrl_c_stop_the_server_cleanly(PosixSignal signal)
    {
        using var server = StartServer("--include-passthrough");
        await using var client = await McpClient.CreateAsync(new StreamClientTransport(server.Process.StandardInput.BaseStream, server.Process.StandardOutput.BaseStream)).WaitAsync(Timeout);

        // The signal through the OS, as a container runtime or an MCP host sends SIGTERM, and a terminal Ctrl+C SIGINT.
        PosixSignals.Send(server.Process, signal);

        await server.Process.WaitForExitAsync().WaitAsync(Timeout);
        var error = await server.Error.WaitAsync(Timeout);

        Assert.That((server.Process.ExitCode, error), Is.EqualTo((0, string.Empty)));
    }

    [TestCase(new[] { "mcp", "--search", "contacts", "--prompt", "read contacts" }, "integry: --search and --prompt both pick functions: give one of them.")]
    [TestCase(new[] { "mcp", "--allow-method", "GET" }, "integry: the policy cannot be used: The policy denies everything: it limits methods or paths but allows no app. Name the apps whose passthrough it may call.")]
    [TestCase(new[] { "mcp", "--type", "Everything" }, "integry: Cannot parse argument 'Everything' for option '--type' as expected type 'Integry.Sdk.FunctionType'. Did you mean one of the following? Action, Passthrough, Query. (see 'integry mcp --help')")]
    public async Task Bad_input_is_one_line_exit_2_and_nothing_starts(string[] args, string message)
    {
        var (exitCode, output, error) = await ToolRun.RunAsync(World.Variables, args);

        using (Assert.EnterMultipleScope())
        {
            Assert.That((exitCode, output), Is.EqualTo((2, string.Empty)));
            Assert.That(error, Does.StartWith(message));
            Assert.That(error.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        }
    }

    [Test]
    public async Task Without_a_user_nothing_starts()
    {
        var variables = new Dictionary<string, string>(World.Variables);
        variables.Remove("INTEGRY_USER_ID");

        var (exitCode, output, error) = await ToolRun.RunAsync(variables, "mcp");

        Assert.That((exitCode, output, error.Trim()), Is.EqualTo((2, string.Empty, "integry: --user-id is required (or set INTEGRY_USER_ID).")));
    }

    private static TimeSpan Timeout => TimeSpan.FromSeconds(60);

    private ToolProcess StartServer(params string[] args)
    {
        var tool = Path.Combine(TestContext.CurrentContext.TestDirectory, "integry.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { tool, "mcp", "--user", "user-1" }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in World.Variables.Where(variable => variable.Key != "INTEGRY_USER_ID"))
        {
            start.Environment[name] = value;
        }

        return new ToolProcess(Process.Start(start)!);
    }

    private static async Task<CallToolResult> CallAsync(McpClient client, StringBuilder log, string tool, string method, string url)
    {
        var result = await client.CallToolAsync(tool, new Dictionary<string, object?> { ["method"] = method, ["url"] = url }).AsTask().WaitAsync(Timeout);
        log.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"tools/call {tool} {method} {url} -> isError={result.IsError == true} {Text(result)}");
        return result;
    }

    private static string Text(CallToolResult result) => string.Concat(result.Content.OfType<TextContentBlock>().Select(block => block.Text));

    private static bool IsJsonRpc(string? line)
    {
        try
        {
            using var document = JsonDocument.Parse(line ?? string.Empty);
            return document.RootElement.TryGetProperty("jsonrpc", out var version) && version.GetString() == "2.0";
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The tool's process, its stderr read to the end in the background; killed if a test leaves it running.</summary>
    private sealed class ToolProcess : IDisposable
    {
        public ToolProcess(Process process)
        {
            Process = process;
            Error = process.StandardError.ReadToEndAsync();
        }

        public Process Process { get; }

        public Task<string> Error { get; }

        public void Dispose()
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
            }

            Process.Dispose();
        }
    }

    /// <summary>A read-only stream over the server's stdout that keeps a copy of every byte read, to check what stdout carried.</summary>
    private sealed class RecordingStream(Stream inner) : Stream
    {
        private readonly MemoryStream _copy = new();
        private readonly Lock _gate = new();

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public string[] Lines()
        {
            lock (_gate)
            {
                return Encoding.UTF8.GetString(_copy.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            }
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, count);
            Record(buffer.AsSpan(offset, read));
            return read;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken);
            Record(buffer.Span[..read]);
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
                _copy.Dispose();
            }

            base.Dispose(disposing);
        }

        private void Record(ReadOnlySpan<byte> bytes)
        {
            lock (_gate)
            {
                _copy.Write(bytes);
            }
        }
    }
}
