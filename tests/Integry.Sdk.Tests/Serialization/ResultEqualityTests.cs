using System.Text.Json;

namespace Integry.Sdk.Tests.Serialization;

/// <summary>Results are equal when their wire JSON is equal: member order and transport metadata do not count.</summary>
public class ResultEqualityTests
{
    [Test]
    public void Two_executed_results_with_the_same_output_in_a_different_member_order_are_equal()
    {
        var left = Result.Parse("""{"network_code":"200","output":{"a":1,"b":{"c":[1,2],"d":"x"}}}""");
        var right = Result.Parse("""{"output":{"b":{"d":"x","c":[1,2]},"a":1},"network_code":200}""");

        Assert.That(left, Is.EqualTo(right));
        Assert.That(left.GetHashCode(), Is.EqualTo(right.GetHashCode()));
        Assert.That(left == right, Is.True);
    }

    [TestCase("""{"network_code":"200","output":{"a":1}}""", """{"network_code":"201","output":{"a":1}}""")]
    [TestCase("""{"network_code":"200","output":{"a":1}}""", """{"network_code":"200","output":{"a":2}}""")]
    [TestCase("""{"network_code":"200","output":{"a":1}}""", """{"network_code":"200","output":{"a":1,"b":2}}""")]
    [TestCase("""{"network_code":"200","output":[1,2]}""", """{"network_code":"200","output":[2,1]}""")]
    [TestCase("""{"network_code":"200","output":{},"_cursor":"a"}""", """{"network_code":"200","output":{},"_cursor":"b"}""")]
    [TestCase("""{"network_code":"200","output":12345678901234567890}""", """{"network_code":"200","output":12345678901234567891}""")]
    public void Executed_results_that_differ_on_the_wire_are_not_equal(string left, string right)
    {
        Assert.That(Result.Parse(left), Is.Not.EqualTo(Result.Parse(right)));
    }

    [Test]
    public void Credits_session_id_and_headers_do_not_count_for_equality()
    {
        using var output = JsonDocument.Parse("{}");
        var plain = new Result.Executed(200, output.RootElement);
        var withMetadata = new Result.Executed(200, output.RootElement)
        {
            Credits = 3,
            SessionId = "s",
            Headers = new Dictionary<string, IReadOnlyList<string>> { ["X-Request-Id"] = ["1"] },
        };

        Assert.That(withMetadata, Is.EqualTo(plain));
    }

    [Test]
    public void Rejected_results_with_the_same_field_errors_are_equal()
    {
        var left = new Result.Rejected("e", new Dictionary<string, string> { ["a"] = "1" });
        var right = new Result.Rejected("e", new Dictionary<string, string> { ["a"] = "1" });

        Assert.That(left, Is.EqualTo(right));
        Assert.That(left, Is.Not.EqualTo(new Result.Rejected("e", ["a: 1"])));
    }
}
