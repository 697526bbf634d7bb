using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace Integry.Sdk.Fuzz;

/// <summary>
/// FsCheck generators for everything the SDK parses from outside: passthrough arguments, URLs and hosts, host templates,
/// Retry-After and rate-limit headers, Integry's result JSON and the emulator's request bodies. Each mixes the tokens
/// that have broken parsers before (spaces, case, duplicate keys, encodings, IP forms, ports, user information) with
/// plain random text, so both the edges and the bulk get covered.
/// </summary>
internal static class Inputs
{
    private static readonly Gen<string> AnyText = ArbMap.Default.GeneratorFor<string>().Select(text => text ?? string.Empty);

    private static readonly Gen<string> Junk = Gen.Frequency(
        (3, AnyText),
        (1, Gen.Elements("", " ", "\t", "\r\n", "\u0000", "%", "%0", "%zz", "%25", "%2e%2e", "\\", "\"", "{", "}", "[", "]", ":", "@", "#", "?", "&", "=", "é", "\uFEFF", "\uD800", "ＧＥＴ", "İ", "ß")));

    public static readonly Gen<string> Method = Gen.Frequency(
        (4, Gen.Elements("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "get", "Post")),
        (2, Gen.Elements(" GET ", "GET ", " GET", "GET\t", "\nGET", "TRACE", "CONNECT", "G ET", "GET\u0000", "ＧＥＴ", "")),
        (1, Junk));

    private static readonly Gen<string> Scheme = Gen.Elements("https://", "http://", "HTTPS://", "ftp://", "file://", "javascript:", "//", "", "https:/", "https:\\\\");

    private static readonly Gen<string> UserInfo = Gen.Frequency((6, Gen.Constant("")), (1, Gen.Elements("u:p@", "slack.com@", "%40@", "user@")));

    public static readonly Gen<string> Host = Gen.Frequency(
        (6, Gen.Elements("slack.com", "api.slack.com", "files.slack.com", "SLACK.COM", "acme.zendesk.com", "localhost", "127.0.0.1", "api.local.example")),
        (4, Gen.Elements(
            "evil.example", "slack.com.evil.example", "evilslack.com", "slack.co", "[::1]", "[::ffff:127.0.0.1]", "0x7f000001", "2130706433", "0177.0.0.1",
            "169.254.169.254", "10.0.0.1", "[fe80::1]", "xn--slck-loa.com", "slаck.com", "%73lack.com", "slack.com.", ".slack.com", "", "*.slack.com",
            "a.zendesk.com.evil.example", "{subdomain}.zendesk.com")),
        (1, Junk));

    private static readonly Gen<string> Port = Gen.Frequency((5, Gen.Constant("")), (2, Gen.Elements(":443", ":8443", ":80", ":5001", ":0", ":65536", ":abc", ":", ":-1", ":4430")));

    private static readonly Gen<string> Path = Gen.Frequency(
        (5, Gen.Elements("/api/conversations.list", "/api/a", "/", "", "/v1/users/me", "/api/chat.postMessage")),
        (3, Gen.Elements("/../admin", "/%2e%2e/admin", "/api/%2F..%2Fx", "/api/a%0d%0aX-Injected:%20y", "/api/a b", "\\evil", "/api/a#frag", "/api/;x", "//evil.example/x")),
        (1, Junk.Select(text => "/" + text)));

    private static readonly Gen<string> Query = Gen.Frequency(
        (5, Gen.Constant("")),
        (3, Gen.Elements("?limit=2", "?token=abc", "?api_key=x&api_key=y", "?a=%ZZ", "?q=from:me", "?x=1#frag", "?redirect=https://evil.example/")),
        (1, Junk.Select(text => "?" + text)));

    public static readonly Gen<string> Url = Gen.Frequency(
        (6, from scheme in Scheme from user in UserInfo from host in Host from port in Port from path in Path from query in Query select scheme + user + host + port + path + query),
        (3, from path in Gen.Elements("conversations.list", "files.get?x=:y", "../x", "./x", "a/../../b", "//evil.example/x", "/api/a", "auth.test", "%2e%2e/x", "users/me") from query in Query select path + query),
        (1, Junk));

    private static readonly Gen<string> JsonScalar = Gen.Frequency(
        (3, Gen.Elements("1", "-0", "1e400", "123456789012345678901234567890", "true", "false", "null", "\"\"", "\"x\"", "[]", "{}")),
        (2, Junk.Select(Quote)));

    /// <summary>A JSON object as text, sometimes with the same key twice, at the top or nested.</summary>
    private static Gen<string> JsonObject(int depth) => Gen.Sized(size =>
        from count in Gen.Choose(0, Math.Min(4, 1 + (size / 10)))
        from members in Gen.ArrayOf(
            from key in Gen.Frequency((3, Gen.Elements("a", "b", "k", "method", "url")), (1, Junk))
            from value in depth <= 0 ? JsonScalar : Gen.Frequency((3, JsonScalar), (1, JsonObject(depth - 1)), (1, JsonArray(depth - 1)))
            select Quote(key) + ":" + value,
            count)
        from duplicate in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
        select "{" + string.Join(",", duplicate && members.Length > 0 ? [.. members, members[0]] : members) + "}");

    private static Gen<string> JsonArray(int depth) =>
        from items in Gen.ListOf(depth <= 0 ? JsonScalar : Gen.OneOf(JsonScalar, JsonObject(depth - 1)), 3)
        select "[" + string.Join(",", items) + "]";

    /// <summary>The arguments of a passthrough call as JSON text: method, url and body, each sometimes missing, doubled or of the wrong type.</summary>
    public static readonly Gen<string> PassthroughArguments = Gen.Frequency(
        (8, from method in Gen.OneOf(Method.Select(Quote), JsonScalar)
            from url in Gen.OneOf(Url.Select(Quote), Url.Select(Quote), JsonScalar)
            from body in Gen.Frequency((3, Gen.Constant<string?>(null)), (2, JsonObject(2).Select(text => (string?)text)), (1, JsonScalar.Select(text => (string?)text)))
            from shape in Gen.Choose(0, 9)
            select shape switch
            {
                0 => "{\"url\":" + url + "}",
                1 => "{\"method\":" + method + "}",
                2 => "{\"method\":" + method + ",\"url\":\"https://evil.example/\",\"url\":" + url + "}",
                3 => "{\"method\":\"DELETE\",\"method\":" + method + ",\"url\":" + url + "}",
                4 => "{\"method\":" + method + ",\"url\":" + url + ",\"body\":" + (body ?? "{}") + ",\"body\":{}}",
                _ => "{\"method\":" + method + ",\"url\":" + url + (body is null ? "" : ",\"body\":" + body) + "}",
            }),
        (1, JsonObject(3)),
        (1, Junk));

    public static readonly Gen<string> HostPattern = Gen.Frequency(
        (4, Gen.Elements(
            "slack.com", "*.slack.com", "*.com", "*", "*.co.uk", "{subdomain}.zendesk.com", "{subdomain}", "api.{x}", "{a}.{b}.example.com", "127.0.0.1",
            "127.0.0.1:5001", "[::1]:5001", "::1", "[::1]", "host:", "host:99999", "host:0", "a..b", "-a.com", "a-.com", "xn--slck-loa.com", "API.EXAMPLE.COM",
            "{Sub}.example.com", "{sub}.example.com:8443", "*.example.com:443", "exa mple.com", "example.com/path", "user@example.com")),
        (1, from left in Host from right in Port select left + right),
        (1, Junk));

    /// <summary>Retry-After, a remaining count and a reset value, as an app might send them.</summary>
    public static readonly Gen<(string RetryAfter, string Remaining, string Reset)> RateLimitHeaders =
        from retryAfter in Gen.Frequency(
            (3, Gen.Elements("0", "1", "120", "-1", "1.5", "1e9", "99999999999999999999", "Wed, 21 Oct 2015 07:28:00 GMT", "Fri, 31 Dec 9999 23:59:59 GMT", "Mon, 01 Jan 0001 00:00:00 GMT", "", " ", "2147483648")),
            (1, Junk))
        from remaining in Gen.Frequency((3, Gen.Elements("0", "10", "-5", "9223372036854775808", "1.0", "")), (1, Junk))
        from reset in Gen.Frequency((3, Gen.Elements("0", "60", "1700000000", "253402300799", "-1", "1e30", "NaN", "Infinity", "2015-10-21T07:28:00Z", "")), (1, Junk))
        select (retryAfter, remaining, reset);

    /// <summary>Text that may or may not be Integry's answer to a function call.</summary>
    public static readonly Gen<string> ResultJson = Gen.Frequency(
        (4, from code in Gen.OneOf(Gen.Elements("\"200\"", "200", "\"abc\"", "\"-1\"", "\"99999999999\"", "null", "{}", "\"2e2\""), JsonScalar)
            from output in Gen.OneOf(JsonScalar, JsonObject(2), JsonArray(2))
            from extra in Gen.Elements("", ",\"x\":1", ",\"network_code\":\"201\"", ",\"error\":\"e\"")
            select "{\"network_code\":" + code + ",\"output\":" + output + extra + "}"),
        (3, from error in Gen.OneOf(Junk.Select(Quote), JsonScalar)
            from details in Gen.OneOf(Gen.Constant("[]"), JsonArray(1), JsonObject(1), JsonScalar, Gen.Constant("[\"a\",\"b\"]"))
            select "{\"error\":" + error + ",\"error_details\":" + details + "}"),
        (1, JsonObject(3)),
        (1, Junk));

    /// <summary>Results to round-trip through their wire JSON.</summary>
    public static readonly Gen<Result> Results = Gen.OneOf(
        from code in Gen.Choose(100, 599)
        from output in Gen.OneOf(JsonScalar, JsonObject(2), JsonArray(2)).Where(text => IsJson(text) && !HasDuplicateKeys(text))
        select (Result)new Result.Executed(code, Element(output)),
        from error in AnyText
        from details in Gen.ListOf(AnyText, 3)
        select (Result)new Result.Rejected(error, details.ToArray()),
        from error in AnyText
        from fields in Gen.ListOf(from key in AnyText from message in AnyText select (key, message), 3)
        select (Result)new Result.Rejected(error, fields.DistinctBy(field => field.key).ToDictionary(field => field.key, field => field.message)));

    /// <summary>Bytes an emulator route might receive as a request body.</summary>
    public static readonly Gen<byte[]> EmulatorBody = Gen.Frequency(
        (3, PassthroughArguments.Select(Encoding.UTF8.GetBytes)),
        (2, ResultJson.Select(Encoding.UTF8.GetBytes)),
        (1, Gen.Elements("", "null", "[]", "1", "{\"_cursor\":1}", "{\"_cursor\":\"c\"}", "{\"_cursor\":null}", "\uFEFF{}").Select(Encoding.UTF8.GetBytes)),
        (1, ArbMap.Default.GeneratorFor<byte[]>().Select(bytes => bytes ?? [])));

    public static string Quote(string text) =>
        System.Text.Json.JsonSerializer.Serialize(text, Integry.Sdk.Serialization.IntegryJsonContext.Default.String);

    private static bool IsJson(string text)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(text);
            return true;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    private static bool HasDuplicateKeys(string json) =>
        Integry.Sdk.Passthrough.DuplicateKeys.FindIn(Element("{\"v\":" + json + "}")).Count > 0;

    private static System.Text.Json.JsonElement Element(string json)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
