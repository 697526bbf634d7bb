using Integry.Sdk.EntityFrameworkCore.Tests.TestSupport;

namespace Integry.Sdk.EntityFrameworkCore.Tests.CrossProcess;

/// <summary>
/// The proof across processes: separate processes, each with its own executor, provider and DbContext, over one SQLite
/// file, against an OAuth server that rotates refresh tokens and refuses a reused one. Expiry is timed by each
/// instance's own clock, moved by the test; nothing waits on wall time.
/// </summary>
[NonParallelizable]
public class ManyProcessesOneStoreTests
{
    private const int Instances = 2;
    private const int CallsPerInstancePerPhase = 250;

    [Test]
    public async Task A_thousand_calls_across_an_expiry_spend_one_refresh_grant_and_lose_nothing()
    {
        await using var farm = await Farm.StartAsync(Instances, Farm.ClockStart.AddHours(1));

        var before = await farm.RunAsync(CallsPerInstancePerPhase);
        await farm.AdvanceAsync(TimeSpan.FromHours(2));
        var after = await farm.RunAsync(CallsPerInstancePerPhase);

        var newest = farm.Servers.NewestAccessToken;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(farm.Servers.Grants, Is.EqualTo(1), "refresh grants at the OAuth server");
            Assert.That(farm.Servers.Refused, Is.Zero, "reused (rotated) refresh tokens");
            Assert.That(before.Concat(after).Sum(r => r.Lost), Is.Zero, "calls lost: " + string.Join(" | ", before.Concat(after).Select(r => r.FirstError)));
            Assert.That(before.SelectMany(r => r.Tokens.Keys).Distinct(), Is.EqualTo(new[] { "at-0" }), "before the expiry, the stored token");
            Assert.That(after.SelectMany(r => r.Tokens.Keys).Distinct(), Is.EqualTo(new[] { newest }), "after the expiry, every call carries the newest token");
            Assert.That(newest, Is.EqualTo("at-1"));
        }

        Report("expiry", farm, before.Concat(after).ToArray());
    }

    [Test]
    public async Task A_thousand_calls_across_a_revoked_token_spend_one_refresh_grant_and_lose_nothing()
    {
        // The token is valid for a year by its own expiry; the app revokes it mid-run (401 on a token not yet expired).
        await using var farm = await Farm.StartAsync(Instances, Farm.ClockStart.AddDays(365));

        var before = await farm.RunAsync(CallsPerInstancePerPhase);
        farm.Servers.Revoke("at-0");
        var after = await farm.RunAsync(CallsPerInstancePerPhase);

        var newest = farm.Servers.NewestAccessToken;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(farm.Servers.Grants, Is.EqualTo(1), "refresh grants at the OAuth server");
            Assert.That(farm.Servers.Refused, Is.Zero, "reused (rotated) refresh tokens");
            Assert.That(before.Concat(after).Sum(r => r.Lost), Is.Zero, "calls lost: " + string.Join(" | ", before.Concat(after).Select(r => r.FirstError)));
            Assert.That(after.SelectMany(r => r.Tokens.Keys).Distinct(), Is.EqualTo(new[] { newest }), "after the revocation, every executed call carried the newest token");
            Assert.That(newest, Is.EqualTo("at-1"));
        }

        Report("revoked (401 before expiry)", farm, before.Concat(after).ToArray());
    }

    private static void Report(string scenario, Farm farm, RunReport[] reports) =>
        TestContext.Out.WriteLine(
            $"| {scenario} | {farm.Hosts.Count} processes | {reports.Sum(r => r.Ok + r.Lost)} calls | {farm.Servers.Grants} grants | {farm.Servers.Refused} refused | {reports.Sum(r => r.Lost)} lost | {farm.Wall.Elapsed.TotalSeconds:0.00} s |");
}
