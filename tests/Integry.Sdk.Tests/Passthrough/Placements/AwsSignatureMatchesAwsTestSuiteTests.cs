using System.Text;
using Integry.Sdk.Passthrough;

namespace Integry.Sdk.Tests.Passthrough.Placements;

/// <summary>
/// The signer against AWS's published Signature Version 4 test suite (aws-sig-v4-test-suite: credentials AKIDEXAMPLE /
/// wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY, region us-east-1, service "service", 2015-08-30T12:36:00Z).
/// </summary>
public class AwsSignatureMatchesAwsTestSuiteTests
{
    private static readonly DateTimeOffset SuiteTime = new(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);

    [TestCase("get-vanilla", "GET", "https://example.amazonaws.com/", null, null, "host;x-amz-date", "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")]
    [TestCase("post-vanilla", "POST", "https://example.amazonaws.com/", null, null, "host;x-amz-date", "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b")]
    [TestCase("get-vanilla-query-order-key-case", "GET", "https://example.amazonaws.com/?Param2=value2&Param1=value1", null, null, "host;x-amz-date", "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500")]
    [TestCase("post-vanilla-query", "POST", "https://example.amazonaws.com/?Param1=value1", null, null, "host;x-amz-date", "28038455d6de14eafc1f9222cf5aa6f1a96197d7deb8263271d420d138af7f11")]
    [TestCase("get-utf8", "GET", "https://example.amazonaws.com/%E1%88%B4", null, null, "host;x-amz-date", "8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85")]
    [TestCase("post-x-www-form-urlencoded", "POST", "https://example.amazonaws.com/", "application/x-www-form-urlencoded", "Param1=value1", "content-type;host;x-amz-date", "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a")]
    public void The_authorization_header_is_the_one_aws_publishes(string vector, string method, string url, string? contentType, string? body, string signedHeaders, string signature)
    {
        var signer = new AwsSigV4Signer("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", null, "us-east-1", "service");
        var headers = new List<(string, string)> { ("X-Amz-Date", "20150830T123600Z") };
        if (contentType is not null)
        {
            headers.Add(("Content-Type", contentType));
        }

        var authorization = signer.Authorization(method, new Uri(url), headers, Encoding.UTF8.GetBytes(body ?? string.Empty), SuiteTime);

        Assert.That(authorization, Is.EqualTo($"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders={signedHeaders}, Signature={signature}"), vector);
    }
}
