using System.Text.Json;

namespace Integry.Sdk.Tests.Serialization;

/// <summary>A result's <c>ToString</c> names what identifies the call and never prints response headers.</summary>
public class ResultToStringTests
{
    [Test]
    public void Executed_to_string_never_prints_headers()
    {
        using var output = JsonDocument.Parse("""{"ok":true}""");
        var executed = new Result.Executed(200, output.RootElement)
        {
            Headers = new Dictionary<string, IReadOnlyList<string>>
            {
                ["Set-Cookie"] = ["session=very-secret-cookie"],
                ["Authorization"] = ["Bearer leaked-token"],
            },
        };

        var text = executed.ToString();

        Assert.That(text, Does.Contain("NetworkCode = 200").And.Contain("""{"ok":true}"""));
        Assert.That(text, Does.Not.Contain("very-secret-cookie").And.Not.Contain("leaked-token").And.Not.Contain("Set-Cookie").And.Not.Contain("Headers"));
    }

    [Test]
    public void Executed_to_string_shortens_a_long_output()
    {
        using var output = JsonDocument.Parse("\"" + new string('x', 5000) + "\"");

        var text = new Result.Executed(200, output.RootElement).ToString();

        Assert.That(text, Has.Length.LessThan(400));
    }

    [Test]
    public void Rejected_to_string_prints_the_error_and_details()
    {
        var text = new Result.Rejected("Function not found", ["There is no function named 'x'."]).ToString();

        Assert.That(text, Does.Contain("Function not found").And.Contain("There is no function named 'x'."));
    }
}
