using System.Net;
using System.Text;
using Integry.Sdk.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.Passthrough.Pagination;

/// <summary>One page of an app's documented list response, and the exact request that must ask for it.</summary>
public sealed record DocumentedPage(string Url, string Response, string? Link = null, string? RequestBody = null, string Method = "GET");

/// <summary>Connects an app of the built-in catalog with the credential kind it takes and every tenant variable filled, and expects its pages in order.</summary>
internal static class CatalogPaginationRig
{
    public static PassthroughTestHost Connect(string app)
    {
        var host = PassthroughTestHost.Create(options => options.RetryBaseDelay = TimeSpan.Zero);
        Assert.That(host.Executor.Catalog.TryGetApp(app, out var definition), Is.True, app);
        var metadata = new[] { definition!.BaseUrl ?? string.Empty }.Concat(definition.Hosts)
            .SelectMany(text => System.Text.RegularExpressions.Regex.Matches(text, @"\{(\w+)\}").Select(match => match.Groups[1].Value))
            .Distinct()
            .ToDictionary(name => name, _ => "acme");
        Credential credential = definition.BearerTokenPlacement is not null ? new Credential.BearerToken("tok-123456") { Metadata = metadata }
            : definition.ApiKeyPlacement is not null ? new Credential.ApiKey("key-123456") { Metadata = metadata }
            : new Credential.Basic("user-1", "pass-123456") { Metadata = metadata };
        host.Connect(app, credential);
        return host;
    }

    public static List<PassthroughCapturedRequest> Expect(PassthroughTestHost host, IReadOnlyList<DocumentedPage> pages)
    {
        var captured = new List<PassthroughCapturedRequest>();
        foreach (var page in pages)
        {
            var expected = new Uri(page.Url).AbsoluteUri;
            var mocked = host.Mock.Expect(new HttpMethod(page.Method), page.Url).With(request => request.RequestUri!.AbsoluteUri == expected);
            if (page.RequestBody is { } body)
            {
                mocked.WithContent(body);
            }

            mocked.Respond(async request =>
            {
                captured.Add(await PassthroughCapturedRequest.FromAsync(request));
                var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(page.Response, Encoding.UTF8, "application/json") };
                if (page.Link is { } link)
                {
                    response.Headers.TryAddWithoutValidation("Link", link);
                }

                return response;
            });
        }

        return captured;
    }

    public static PassthroughRequest FirstRequest(DocumentedPage first) =>
        new(new HttpMethod(first.Method), first.Url, first.RequestBody is null ? null : PassthroughBody.Json(first.RequestBody));
}
