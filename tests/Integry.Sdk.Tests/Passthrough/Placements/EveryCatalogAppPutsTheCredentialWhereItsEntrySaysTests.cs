using System.Text;
using Integry.Sdk.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.Passthrough.Placements;

/// <summary>
/// For every app of the built-in catalog and every credential kind it takes: the credential reaches the wire exactly
/// where the entry (taken from the vendor's documentation, its <c>docs</c> link) says, and appears nowhere else.
/// </summary>
public class EveryCatalogAppPutsTheCredentialWhereItsEntrySaysTests
{
    private const string Secret = "s3cr3t-VALUE-9x7";
    private const string UserName = "user-NAME-4q2";

    public static IEnumerable<TestCaseData> Placements()
    {
        foreach (var app in AppCatalog.BuiltIn.Apps)
        {
            if (app.BearerTokenPlacement is not null)
            {
                yield return new TestCaseData(app.Slug, "bearer").SetArgDisplayNames(app.Slug, "bearer");
            }

            if (app.ApiKeyPlacement is not null)
            {
                yield return new TestCaseData(app.Slug, "apiKey").SetArgDisplayNames(app.Slug, "apiKey");
            }

            if (app.AcceptsBasic)
            {
                yield return new TestCaseData(app.Slug, "basic").SetArgDisplayNames(app.Slug, "basic");
            }
        }
    }

    [Test]
    public void Every_app_of_the_catalog_takes_at_least_one_credential_kind_and_is_covered_here()
    {
        var covered = Placements().Select(data => (string)data.Arguments[0]!).ToHashSet();
        Assert.That(AppCatalog.BuiltIn.Apps.Select(app => app.Slug).Where(slug => !covered.Contains(slug)), Is.Empty);
        Assert.That(covered, Has.Count.EqualTo(AppCatalog.BuiltIn.Count));
    }

    [TestCaseSource(nameof(Placements))]
    public async Task The_credential_is_exactly_where_the_catalog_says_and_nowhere_else(string slug, string kind)
    {
        using var host = PassthroughTestHost.Create();
        Assert.That(host.Executor.Catalog.TryGetApp(slug, out var app), Is.True);
        var metadata = new[] { app!.BaseUrl ?? string.Empty }.Concat(app.Hosts)
            .SelectMany(text => System.Text.RegularExpressions.Regex.Matches(text, @"\{(\w+)\}").Select(match => match.Groups[1].Value))
            .Distinct()
            .ToDictionary(name => name, _ => "acme");
        Credential credential = kind switch
        {
            "bearer" => new Credential.BearerToken(Secret) { Metadata = metadata },
            "apiKey" => new Credential.ApiKey(Secret) { Metadata = metadata },
            _ => new Credential.Basic(UserName, Secret) { Metadata = metadata },
        };
        host.Connect(slug, credential);
        var captured = new List<PassthroughCapturedRequest>();
        host.Mock.When("*").RespondCapturing(captured);

        var result = await host.Client.PassthroughAsync(slug, PassthroughRequest.Post("probe", PassthroughBody.Json("""{"probe":1}""")));

        Assert.That(result, Is.TypeOf<Result.Executed>(), result.ToString());
        var request = captured.Single();
        var (where, expected) = Expected(app, kind);
        var found = Locations(request);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Integry.Sdk.Tests.Apps.BuiltInCatalogSamples.IsOwnHost(app, request.Uri.Host), Is.True, "the request went to one of the app's hosts");
            Assert.That(found.Where(location => location.Value.Contains(Secret, StringComparison.Ordinal) || location.Value.Contains(Basic(), StringComparison.Ordinal)).Select(location => location.Where), Is.EqualTo(where is null ? Array.Empty<string>() : new[] { where }), "where the secret is");
            if (where is not null)
            {
                Assert.That(found.Single(location => location.Where == where).Value, Is.EqualTo(expected));
            }
            else
            {
                // AWS Signature V4: the secret never travels; the access key id and a signature do.
                Assert.That(request.Headers["Authorization"], Does.StartWith($"AWS4-HMAC-SHA256 Credential={UserName}/"));
            }
        }
    }

    private static (string? Where, string Expected) Expected(AppDefinition app, string kind)
    {
        CredentialPlacement? placement = kind switch
        {
            "bearer" => app.BearerTokenPlacement,
            "apiKey" => app.ApiKeyPlacement,
            _ => app.BasicPlacement?.Password,
        };
        if (kind == "basic" && app.AwsSignature is not null)
        {
            return (null, string.Empty);
        }

        if (kind == "basic" && placement is null)
        {
            return ("header Authorization", "Basic " + Basic());
        }

        return placement!.Location switch
        {
            CredentialLocation.Header => ("header " + placement.Name, placement.Format.Replace("{value}", Secret, StringComparison.Ordinal)),
            CredentialLocation.Query => ("query " + placement.Name, Secret),
            _ => ("body " + placement.Name, Secret),
        };
    }

    /// <summary>Every place of the request a value can be in: each header, each query parameter, each body member, and the path.</summary>
    private static List<(string Where, string Value)> Locations(PassthroughCapturedRequest request)
    {
        var locations = request.Headers.Select(header => ("header " + header.Key, header.Value)).ToList();
        locations.Add(("path", Uri.UnescapeDataString(request.Uri.AbsolutePath)));
        foreach (var pair in request.Uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            locations.Add(("query " + Uri.UnescapeDataString(parts[0]), parts.Length == 2 ? Uri.UnescapeDataString(parts[1]) : string.Empty));
        }

        using var body = System.Text.Json.JsonDocument.Parse(request.Body!);
        foreach (var member in body.RootElement.EnumerateObject())
        {
            locations.Add(("body " + member.Name, member.Value.ToString()));
        }

        return locations;
    }

    private static string Basic() => Convert.ToBase64String(Encoding.UTF8.GetBytes(UserName + ":" + Secret));
}
