using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Integry.Sdk.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.Trust;

/// <summary>Issue 12, class 9 (reading): the body is decoded by its byte order mark and declared charset, then parsed as JSON.</summary>
public class ResponsesAreDecodedByCharsetAndBomTests
{
    private const string Json = """{"name":"Zoë","n":123456789012345678901234567890}""";

    private static IEnumerable<TestCaseData> Encoded()
    {
        byte[] Bom(Encoding encoding, string text) => [.. encoding.GetPreamble(), .. encoding.GetBytes(text)];
        yield return new TestCaseData(Bom(new UTF8Encoding(true), Json), "application/json").SetName("UTF-8 BOM, no charset");
        yield return new TestCaseData(Bom(new UTF8Encoding(true), Json), "application/json; charset=utf-8").SetName("UTF-8 BOM, charset=utf-8");
        yield return new TestCaseData(new UTF8Encoding(false).GetBytes(Json), "application/json; charset=\"UTF-8\"").SetName("charset=\"UTF-8\", quoted, upper case");
        yield return new TestCaseData(Encoding.Latin1.GetBytes(Json), "application/json; charset=\"ISO-8859-1\"").SetName("charset=\"ISO-8859-1\", quoted, upper case");
        yield return new TestCaseData(Bom(new UnicodeEncoding(false, true), Json), "application/json").SetName("UTF-16 LE BOM, no charset");
        yield return new TestCaseData(Bom(new UnicodeEncoding(true, true), Json), "application/json").SetName("UTF-16 BE BOM, no charset");
        yield return new TestCaseData(Bom(new UnicodeEncoding(false, true), Json), "application/json; charset=utf-16").SetName("UTF-16 LE BOM, charset=utf-16");
        yield return new TestCaseData(Bom(new UnicodeEncoding(true, true), Json), "application/json; charset=utf-16").SetName("UTF-16 BE BOM, charset=utf-16 (the BOM wins)");
        yield return new TestCaseData(new UnicodeEncoding(false, false).GetBytes(Json), "application/json; charset=utf-16").SetName("charset=utf-16 without BOM");
        yield return new TestCaseData(new UnicodeEncoding(true, false).GetBytes(Json), "application/json; charset=utf-16be").SetName("charset=utf-16be without BOM");
        yield return new TestCaseData(Encoding.Latin1.GetBytes(Json), "application/json; charset=iso-8859-1").SetName("charset=iso-8859-1");
        yield return new TestCaseData(Bom(new UTF32Encoding(false, true), Json), "application/json").SetName("UTF-32 LE BOM");
        yield return new TestCaseData(Bom(new UTF8Encoding(true), Json), null).SetName("UTF-8 BOM, no content type");
        yield return new TestCaseData(Bom(new UTF8Encoding(true), Json), "application/vnd.api+json").SetName("UTF-8 BOM, +json type");
    }

    [TestCaseSource(nameof(Encoded))]
    public async Task Json_in_any_declared_encoding_comes_back_parsed(byte[] body, string? contentType)
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("slack", new Credential.BearerToken("xoxb-read-123456"));
        host.Mock.Expect("https://slack.com/api/a").Respond(_ =>
        {
            var content = new ByteArrayContent(body);
            if (contentType is not null)
            {
                content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            }

            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        });

        var result = (Result.Executed)await host.InvokeAsync("slack", """{"method":"GET","url":"a"}""");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Output.ValueKind, Is.EqualTo(JsonValueKind.Object));
            Assert.That(result.Output.GetProperty("name").GetString(), Is.EqualTo("Zoë"));
            Assert.That(result.Output.GetProperty("n").GetRawText(), Is.EqualTo("123456789012345678901234567890"), "big numbers survive");
        }
    }

    [Test]
    public async Task Text_with_a_bom_comes_back_without_it()
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("slack", new Credential.BearerToken("xoxb-read-123456"));
        host.Mock.Expect("https://slack.com/api/a").Respond(_ => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new ByteArrayContent([.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes("héllo")]) { Headers = { ContentType = new MediaTypeHeaderValue("text/plain") } },
        });

        var result = (Result.Executed)await host.InvokeAsync("slack", """{"method":"GET","url":"a"}""");

        Assert.That(result.Output.GetString(), Is.EqualTo("héllo"));
    }
}
