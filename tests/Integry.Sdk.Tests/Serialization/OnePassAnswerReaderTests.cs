using System.Text;
using System.Text.Json;
using Integry.Sdk.Serialization;

namespace Integry.Sdk.Tests.Serialization;

/// <summary>
/// The remote path reads a call's answer in one pass (<see cref="ResultJsonConverter.ReadAnswer"/>) instead of through the
/// serializer: for every body, both give the same result (cursor and exact output text included) or both refuse it.
/// </summary>
public class OnePassAnswerReaderTests
{
    private static readonly string[] Bodies =
    [
        """{"network_code":"200","output":{"id":123456789012345678901234567890,"name":"a"}}""",
        """{"network_code":201,"output":[1,2.50,"x"],"_cursor":"next"}""",
        """{"output":{"a":1},"network_code":"404"}""",
        """{"network_code":"200"}""",
        """{"network_code":"200","output":null,"_cursor":null}""",
        """{"net\u0077ork_code":"200","outp\u0075t":"escaped names"}""",
        """{"network_code":"\u0032\u0030\u0030","output":1}""",
        """{"network_code":"200","output":1,"network_code":"503"}""",
        """{"network_code":"200","output":1,"output":2}""",
        """{"network_code":"200","output":1,"extra":{"deep":[1,{"x":null}]}}""",
        """{"network_code":"200","output":1,"error":"Not run.","error_details":["a"]}""",
        """{"error":"Not run.","error_details":{"url":"Must be absolute."},"network_code":"200"}""",
        """{"error":"Not run.","error_details":["a","b"]}""",
        """{"error":"Not run.","error_details":"one"}""",
        """{"error":null,"network_code":"200","output":true}""",
        """{"error_details":[],"network_code":"200","output":true}""",
        """{"error":7}""",
        """{"error":"x","error_details":5}""",
        """{"network_code":"200","output":1,"_cursor":5}""",
        """{"network_code":" 200","output":1}""",
        """{"network_code":"+200","output":1}""",
        """{"network_code":"-1","output":1}""",
        """{"network_code":"2e2","output":1}""",
        """{"network_code":"99999999999","output":1}""",
        """{"network_code":"","output":1}""",
        """{"network_code":200.0,"output":1}""",
        """{"network_code":null,"output":1}""",
        """{"network_code":{},"output":1}""",
        """{"output":1}""",
        """{}""",
        """[]""",
        "\"text\"",
        "null",
        "",
        "{",
        """{"network_code":"200","output":1} trailing""",
        """{"network_code":"200", /* a comment */ "output":[1,2,],}""",
        """{"network_code":"200","output":"caf\u00e9 \ud83d\ude00"}""",
    ];

    [TestCaseSource(nameof(Bodies))]
    public void The_one_pass_reader_reads_every_body_as_the_serializer_does(string body)
    {
        // What the remote path did before: the serializer, and a null body refused.
        var (expected, expectedError) = Read(() => Result.Parse(body));
        var (actual, actualError) = Read(() => ResultJsonConverter.ReadAnswer(Encoding.UTF8.GetBytes(body)));

        Assert.Multiple(() =>
        {
            Assert.That(actualError is null, Is.EqualTo(expectedError is null), $"serializer: {expectedError?.Message ?? "read"}; one pass: {actualError?.Message ?? "read"}");
            Assert.That(actual, Is.EqualTo(expected));
            Assert.That((actual as Result.Executed)?.Cursor, Is.EqualTo((expected as Result.Executed)?.Cursor));
            Assert.That(OutputText(actual), Is.EqualTo(OutputText(expected)), "output is kept as written");
            Assert.That((actual as Result.Rejected)?.Reason, Is.EqualTo((expected as Result.Rejected)?.Reason));
        });
    }

    [Test]
    public void The_output_outlives_the_buffer_it_was_read_from()
    {
        var body = Encoding.UTF8.GetBytes("""{"network_code":"200","output":{"n":12345678901234567890123}}""");

        var result = (Result.Executed)ResultJsonConverter.ReadAnswer(body);
        Array.Clear(body);

        Assert.That(result.Output.GetRawText(), Is.EqualTo("""{"n":12345678901234567890123}"""));
    }

    private static (Result? Result, JsonException? Error) Read(Func<Result> read)
    {
        try
        {
            return (read(), null);
        }
        catch (JsonException exception)
        {
            return (null, exception);
        }
    }

    private static string? OutputText(Result? result) =>
        result is Result.Executed { Output.ValueKind: not JsonValueKind.Undefined } executed ? executed.Output.GetRawText() : null;
}
