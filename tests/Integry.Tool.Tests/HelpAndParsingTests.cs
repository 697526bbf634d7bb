namespace Integry.Tool.Tests;

/// <summary>--help for every command, and parse errors as one line with exit 2.</summary>
public class HelpAndParsingTests
{
    [TestCase]
    [TestCase("emulator")]
    [TestCase("functions")]
    [TestCase("functions", "list")]
    [TestCase("functions", "get")]
    [TestCase("invoke")]
    [TestCase("apps")]
    [TestCase("apps", "list")]
    [TestCase("apps", "get")]
    [TestCase("explain")]
    [TestCase("mcp")]
    public async Task Every_command_has_help(params string[] command)
    {
        var (exitCode, output, error) = await ToolRun.RunAsync(null, [.. command, "--help"]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.Zero);
            // In-process the root's name is the test host's; the tool's own is checked by the package consumer script.
            Assert.That(output, Does.Contain("Usage:").And.Contain(" " + string.Join(' ', command) + (command.Length == 0 ? "[command]" : " ")));
            Assert.That(error, Is.Empty);
        }
    }

    [Test]
    public async Task The_root_help_lists_the_exit_codes()
    {
        var (_, output, _) = await ToolRun.RunAsync(null, "--help");

        Assert.That(output, Does.Contain("Exit codes: 0 executed with a 2xx, 1 executed with another status, 2 rejected or bad input, 3 error.")
            .And.Contain("explain: 0 would be sent, 2 would be rejected or bad input, 3 error."));
    }

    [TestCase(new[] { "bogus" }, "integry: Unrecognized command or argument 'bogus'. (see 'integry --help')")]
    [TestCase(new[] { "emulator", "--port", "seventy" }, "integry: Cannot parse argument 'seventy' for option '--port' as expected type 'System.Int32'. (see 'integry emulator --help')")]
    [TestCase(new[] { "emulator", "--port", "70000" }, "integry: --port must be between 0 and 65535.")]
    [TestCase(new[] { "functions", "get" }, "integry: Required argument missing for command: 'get'. (see 'integry functions get --help')")]
    public async Task A_parse_error_is_one_line_and_exit_2(string[] args, string message)
    {
        var (exitCode, output, error) = await ToolRun.RunAsync(null, args);

        Assert.That((exitCode, output, error.Trim()), Is.EqualTo((2, string.Empty, message)));
    }
}
