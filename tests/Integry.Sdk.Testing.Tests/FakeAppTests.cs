using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace Integry.Sdk.Testing.Tests;

/// <summary>The fake app on real sockets: routes, computed answers, recorded requests, and its OAuth2 token endpoint.</summary>
public class FakeAppTests
{
    [Test]
    public async Task Routes_answer_canned_and_computed_responses_and_every_request_is_recorded()
    {
        await using var app = await FakeApp.StartAsync("crm", builder => builder
            .MapGet("/contacts", FakeResponse.Json("[]"))
            .MapPost("/contacts/{id}", request => FakeResponse.Json($$"""{"id":"{{request.RouteValues["id"]}}","echo":{{request.BodyText}}}""", 201)));
        using var http = new HttpClient { BaseAddress = app.BaseAddress };

        using var list = await http.GetAsync(new Uri("contacts?limit=1", UriKind.Relative));
        using var created = await http.PostAsync(new Uri("contacts/7", UriKind.Relative), new StringContent("""{"name":"Ada"}"""));
        using var missing = await http.GetAsync(new Uri("nowhere", UriKind.Relative));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await list.Content.ReadAsStringAsync(), Is.EqualTo("[]"));
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(await created.Content.ReadAsStringAsync(), Is.EqualTo("""{"id":"7","echo":{"name":"Ada"}}"""));
            Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(app.Requests.Select(request => $"{request.Method} {request.PathAndQuery}"), Is.EqualTo(new[] { "GET /contacts?limit=1", "POST /contacts/7", "GET /nowhere" }));
            Assert.That(app.Requests[1].ReadJson().GetProperty("name").GetString(), Is.EqualTo("Ada"));
            Assert.That(app.Definition.BaseUrl, Is.EqualTo(app.BaseAddress.AbsoluteUri));
            Assert.That(app.Definition.AllowLocalNetwork, Is.True);
        }
    }

    [Test]
    public async Task The_token_endpoint_rotates_refresh_tokens_and_refuses_a_reused_one()
    {
        await using var app = await FakeApp.StartAsync("xero", builder => builder.MapGet("/me", FakeResponse.Json("{}")).UseOAuth());
        var first = app.OAuth.IssueTokens();
        using var http = new HttpClient();

        var (status1, body1) = await RefreshAsync(http, app.OAuth, first.RefreshToken);
        var (status2, body2) = await RefreshAsync(http, app.OAuth, first.RefreshToken);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(status1, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(body1.GetProperty("refresh_token").GetString(), Is.Not.EqualTo(first.RefreshToken));
            Assert.That(app.OAuth.IsLive(body1.GetProperty("access_token").GetString()), Is.True);
            Assert.That(status2, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(body2.GetProperty("error").GetString(), Is.EqualTo("invalid_grant"));
            Assert.That((app.OAuth.Grants, app.OAuth.RejectedGrants), Is.EqualTo((1, 1)));
        }
    }

    [Test]
    public async Task Routes_accept_only_live_access_tokens_expired_by_the_clock_or_revoked()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var app = await FakeApp.StartAsync("xero", builder => builder
            .MapGet("/me", FakeResponse.Json("{}"))
            .UseOAuth(oauth => { oauth.TimeProvider = clock; oauth.AccessTokenLifetime = TimeSpan.FromMinutes(30); }));
        var expiring = app.OAuth.IssueTokens();
        var revoked = app.OAuth.IssueTokens();
        using var http = new HttpClient { BaseAddress = app.BaseAddress };

        var live = await StatusAsync(http, expiring.AccessToken);
        app.OAuth.Revoke(revoked.AccessToken);
        var afterRevoke = await StatusAsync(http, revoked.AccessToken);
        clock.Advance(TimeSpan.FromMinutes(30));
        var afterExpiry = await StatusAsync(http, expiring.AccessToken);
        app.OAuth.Revoke(revoked.RefreshToken);
        var (grantStatus, grantBody) = await RefreshAsync(new HttpClient(), app.OAuth, revoked.RefreshToken);

        using (Assert.EnterMultipleScope())
        {
            Assert.That((live, afterRevoke, afterExpiry), Is.EqualTo((HttpStatusCode.OK, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized)));
            Assert.That(expiring.ExpiresAt, Is.EqualTo(DateTimeOffset.Parse("2026-01-01T00:30:00Z", System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That((grantStatus, grantBody.GetProperty("error").GetString()), Is.EqualTo((HttpStatusCode.BadRequest, "invalid_grant")));
            Assert.That(expiring.ToString(), Does.Not.Contain(expiring.AccessToken));
        }
    }

    [Test]
    public async Task A_wrong_client_secret_is_invalid_client()
    {
        await using var app = await FakeApp.StartAsync("xero", builder => builder.UseOAuth());
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, app.OAuth.TokenEndpoint)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = app.OAuth.IssueTokens().RefreshToken, ["client_id"] = app.OAuth.ClientId, ["client_secret"] = "wrong" }),
        };

        using var response = await http.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient http, string accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("me", UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> RefreshAsync(HttpClient http, FakeOAuthServer oauth, string refreshToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, oauth.TokenEndpoint)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{oauth.ClientId}:{oauth.ClientSecret}")));
        using var response = await http.SendAsync(request);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, document.RootElement.Clone());
    }

    [TestCase(0.0)]
    [TestCase(-1.0)]
    [TestCase(3651.0)]
    public void An_access_token_lifetime_outside_zero_to_ten_years_is_an_argument_error(double days) =>
        Assert.That(
            async () => await FakeApp.StartAsync("xero", builder => builder.UseOAuth(oauth => oauth.AccessTokenLifetime = TimeSpan.FromDays(days))),
            Throws.InstanceOf<ArgumentOutOfRangeException>());

    [Test]
    public async Task The_longest_access_token_lifetime_issues_a_token_that_expires_then()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero));
        await using var app = await FakeApp.StartAsync("xero", builder => builder.UseOAuth(oauth => { oauth.TimeProvider = clock; oauth.AccessTokenLifetime = TimeSpan.FromDays(3650); }));

        var tokens = app.OAuth.IssueTokens();

        Assert.That(tokens.ExpiresAt, Is.EqualTo(new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero).AddDays(3650)));
    }
}
