using System.Text;
using Integry.Sdk.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.Apps;

/// <summary>
/// Drives the real executor for every built-in app: a relative URL resolves against the app's base URL on one of its
/// own hosts and carries each credential the app accepts exactly where the catalog says; each of its hosts takes an
/// absolute URL; a foreign host, or a look-alike of its own, gets nothing.
/// </summary>
public class EveryBuiltInAppReachesOnlyItsOwnHostsTests
{
    private const string Secret = "s3cret-value";
    private const string UserName = "someone@acme.example";

    [TestCaseSource(typeof(BuiltInCatalogSamples), nameof(BuiltInCatalogSamples.Apps))]
    public async Task A_relative_url_goes_to_the_apps_own_host_with_each_credential_it_accepts(AppDefinition app)
    {
        var expectedBase = new Uri(BuiltInCatalogSamples.Fill(app.BaseUrl!), UriKind.Absolute);
        var kinds = CredentialsAcceptedBy(app).ToArray();
        Assert.That(kinds, Is.Not.Empty);

        foreach (var (kind, credential, expectedHeader, expectedQuery) in kinds)
        {
            using var host = PassthroughTestHost.Create();
            host.Connect(app.Slug, credential.WithMetadata(BuiltInCatalogSamples.SampleMetadata(app)));
            var expected = new Uri(expectedBase, "ping");
            var expectedUrl = expectedQuery is null ? expected.AbsoluteUri : expected.AbsoluteUri + "?" + expectedQuery;
            var captured = new List<PassthroughCapturedRequest>();
            host.Mock.Expect(HttpMethod.Get, expected.AbsoluteUri)
                .WithExactQueryString(expectedQuery ?? string.Empty)
                .RespondCapturing(captured);

            var result = await host.InvokeAsync(app.Slug, """{"method":"GET","url":"ping"}""");

            host.Mock.VerifyNoOutstandingExpectation();
            var request = captured.Single();
            using (Assert.EnterMultipleScope())
            {
                Assert.That(result, Is.TypeOf<Result.Executed>(), kind);
                Assert.That(request.Method, Is.EqualTo(HttpMethod.Get), kind);
                Assert.That(request.Uri.AbsoluteUri, Is.EqualTo(expectedUrl), kind);
                Assert.That(BuiltInCatalogSamples.IsOwnHost(app, request.Uri.Host), Is.True, $"{kind}: {request.Uri.Host} is one of the app's hosts");
                if (expectedHeader is { } header)
                {
                    Assert.That(request.Headers, Does.ContainKey(header.Name), kind);
                    Assert.That(request.Headers.GetValueOrDefault(header.Name), Is.EqualTo(header.Value), kind);
                }
                else
                {
                    Assert.That(request.Headers.Values, Has.None.Contains(Secret), $"{kind}: the query credential is not also in a header");
                }

                foreach (var (name, value) in app.DefaultHeaders)
                {
                    Assert.That(request.Headers.GetValueOrDefault(name)?.Replace(" ", string.Empty, StringComparison.Ordinal), Is.EqualTo(value.Replace(" ", string.Empty, StringComparison.Ordinal)), $"{kind}: default header {name}");
                }

                Assert.That(request.Body is null || app.ApiKeyPlacement?.Location == CredentialLocation.JsonBody || app.BasicPlacement is not null, Is.True, $"{kind}: a body only where the credential goes in one");
                Assert.That(host.UnexpectedRequests, Is.Zero, kind);
            }
        }
    }

    [TestCaseSource(typeof(BuiltInCatalogSamples), nameof(BuiltInCatalogSamples.Apps))]
    public async Task Each_of_the_apps_hosts_takes_an_absolute_url(AppDefinition app)
    {
        var (_, credential, expectedHeader, expectedQuery) = CredentialsAcceptedBy(app).First();
        using var host = PassthroughTestHost.Create();
        host.Connect(app.Slug, credential.WithMetadata(BuiltInCatalogSamples.SampleMetadata(app)));

        foreach (var name in BuiltInCatalogSamples.ConcreteHosts(app))
        {
            var url = $"https://{name}/ping";
            var expectation = host.Mock.Expect(HttpMethod.Get, url).WithExactQueryString(expectedQuery ?? string.Empty);
            if (expectedHeader is { } header)
            {
                expectation = expectation.WithHeaders(header.Name, header.Value);
            }

            expectation.Respond("application/json", "{}");

            var result = await host.InvokeAsync(app.Slug, "{\"method\":\"GET\",\"url\":" + PassthroughJson.Quote(url) + "}");

            host.Mock.VerifyNoOutstandingExpectation();
            Assert.That(result, Is.TypeOf<Result.Executed>(), url);
        }

        Assert.That(host.UnexpectedRequests, Is.Zero);
    }

    [TestCaseSource(typeof(BuiltInCatalogSamples), nameof(BuiltInCatalogSamples.Apps))]
    public async Task A_foreign_host_or_a_look_alike_of_the_apps_own_gets_nothing(AppDefinition app)
    {
        var (_, credential, _, _) = CredentialsAcceptedBy(app).First();
        using var host = PassthroughTestHost.Create();
        host.Connect(app.Slug, credential.WithMetadata(BuiltInCatalogSamples.SampleMetadata(app)));
        var ownHost = BuiltInCatalogSamples.ConcreteHosts(app).First();
        var registrable = string.Join('.', ownHost.Split('.').TakeLast(2));
        var foreignHosts = new[] { "foreign.example", ownHost + ".evil.example", "evil" + registrable };

        foreach (var foreign in foreignHosts)
        {
            var url = $"https://{foreign}/ping";

            var result = await host.InvokeAsync(app.Slug, "{\"method\":\"GET\",\"url\":" + PassthroughJson.Quote(url) + "}");

            using (Assert.EnterMultipleScope())
            {
                Assert.That(result, Is.TypeOf<Result.Rejected>(), url);
                Assert.That((result as Result.Rejected)?.FieldErrors?.GetValueOrDefault("url"), Does.StartWith($"The host '{foreign}' is not one of {app.DisplayName}'s hosts"), url);
            }
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(host.UnexpectedRequests, Is.Zero, "nothing was sent");
            Assert.That(host.CallLog.GetRecords(), Is.Empty, "nothing was sent, so nothing was logged");
        }
    }

    /// <summary>One credential of each kind the app accepts, with where it must show up on the request.</summary>
    private static IEnumerable<(string Kind, Credential Credential, (string Name, string Value)? Header, string? Query)> CredentialsAcceptedBy(AppDefinition app)
    {
        if (app.BearerTokenPlacement is { } bearer)
        {
            yield return Expect("bearer token", new Credential.BearerToken(Secret), bearer);
        }

        if (app.ApiKeyPlacement is { } apiKey)
        {
            yield return Expect("API key", new Credential.ApiKey(Secret), apiKey);
        }

        if (app.AcceptsBasic && (app.AwsSignature is not null || app.BasicPlacement is not null))
        {
            // Signed (Amazon SES) or in the JSON body (Customer.guru): no credential header or query to expect here;
            // EveryCatalogAppPutsTheCredentialWhereItsEntrySaysTests pins where it goes.
            yield return ("basic", new Credential.Basic(UserName, Secret), null, null);
        }
        else if (app.AcceptsBasic)
        {
            var token = Convert.ToBase64String(Encoding.UTF8.GetBytes(UserName + ":" + Secret));
            yield return ("basic", new Credential.Basic(UserName, Secret), ("Authorization", "Basic " + token), null);
        }
    }

    private static (string, Credential, (string Name, string Value)?, string?) Expect(string kind, Credential credential, CredentialPlacement placement) =>
        placement.Location switch
        {
            CredentialLocation.Header => (kind, credential, (placement.Name, placement.Format.Replace(CredentialPlacement.ValueToken, Secret, StringComparison.Ordinal)), null),
            CredentialLocation.Query => (kind, credential, null, placement.Name + "=" + Secret),
            _ => (kind, credential, null, null),
        };
}
