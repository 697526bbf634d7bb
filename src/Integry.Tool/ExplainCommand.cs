using System.CommandLine;
using System.Globalization;
using System.Text.Json;

namespace Integry.Tool;

/// <summary>
/// <c>integry explain APP METHOD URL [--body] [--account] [policy flags]</c>: the dry run of a passthrough. It prints what
/// <see cref="IntegryClient.ExplainAsync"/> plans (URL, policy decision, retries; credential values never) and whether the
/// user has the account the call needs; nothing is sent to the app. Exit 0 when the call would be sent, 2 when it would be
/// rejected (or the input is bad), 3 on an error.
/// </summary>
internal static class ExplainCommand
{
    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

    public static Command Build(CliEnvironment environment)
    {
        var client = new ClientOptions(environment);
        var policy = new PolicyOptions();
        var app = new Argument<string>("app") { Description = "The app's slug, such as hubspot." };
        var method = new Argument<string>("method") { Description = $"The HTTP method: {string.Join(", ", Methods)}." };
        var url = new Argument<string>("url") { Description = "An absolute URL on the app's host, or a path relative to the app's base URL." };
        var body = new Option<string?>("--body") { Description = "The JSON body (an object or array), or @file to read it from a file." };
        var account = new Option<string?>("--account") { Description = "The connected account the call would use (default: the user's account of the app)." };
        var command = new Command("explain", "Dry-run a passthrough: what would be sent, where the credential would go (redacted), the policy's decision. Nothing is sent. Exit code: 0 would be sent, 2 would be rejected or bad input, 3 error.")
        {
            app, method, url, body, account,
        };
        client.AddTo(command);
        policy.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            // Everything the command line says is checked before Integry is asked anything.
            var request = await ReadRequestAsync(parseResult.GetValue(method)!, parseResult.GetValue(url)!, parseResult.GetValue(body), cancellationToken).ConfigureAwait(false);
            var rules = policy.Create(parseResult);
            var integry = client.CreateClient(parseResult);
            if (rules is not null)
            {
                integry = integry.WithPolicy(rules);
            }

            var connectedAccountId = parseResult.GetValue(account) is { Length: > 0 } given ? given : null;
            var appName = parseResult.GetValue(app)!;
            var known = await AppsCommand.GetAsync(integry, appName, cancellationToken).ConfigureAwait(false);
            PassthroughPlan plan;
            try
            {
                plan = await integry.ExplainAsync(appName, request, new InvokeFunctionOptions { ConnectedAccountId = connectedAccountId }, cancellationToken).ConfigureAwait(false);
            }
            catch (ArgumentException exception)
            {
                throw new UsageException(Messages.WithoutParameter(exception));
            }

            plan = WithAccountCheck(plan, known);
            if (parseResult.GetValue(client.Table))
            {
                WriteTable(environment.Output, plan);
            }
            else
            {
                await environment.Output.WriteLineAsync(JsonText.Write(writer => WritePlan(writer, plan))).ConfigureAwait(false);
            }

            return plan.WouldSend ? ExitCodes.Executed : ExitCodes.RejectedOrBadInput;
        });
        return command;
    }

    private static async Task<PassthroughRequest> ReadRequestAsync(string method, string url, string? body, CancellationToken cancellationToken)
    {
        var upper = method.ToUpperInvariant();
        if (Array.IndexOf(Methods, upper) < 0)
        {
            throw new UsageException($"METHOD '{method}' is not one of {string.Join(", ", Methods)}.");
        }

        if (string.IsNullOrWhiteSpace(url) || url.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            throw new UsageException($"URL '{url}' is empty or holds white space: give an absolute https URL or a path such as /crm/v3/objects/contacts.");
        }

        if (url.Contains("://", StringComparison.Ordinal)
            ? !Uri.TryCreate(url, UriKind.Absolute, out var absolute) || absolute.Scheme is not ("https" or "http")
            : !Uri.TryCreate(url, UriKind.Relative, out _))
        {
            throw new UsageException($"URL '{url}' is not an http(s) URL or a relative path.");
        }

        var json = body is null ? (JsonElement?)null : await JsonInput.ReadAsync(body, "--body", allowArray: true, cancellationToken).ConfigureAwait(false);
        return new PassthroughRequest(HttpMethod.Parse(upper), url, json);
    }

    /// <summary>
    /// Integry runs the call, so the client's plan cannot know the user's accounts; the app's own record (read from Integry,
    /// no credential in it) tells whether the call would be refused as not connected, or for an account the user lacks.
    /// </summary>
    private static PassthroughPlan WithAccountCheck(PassthroughPlan plan, IntegryApp app)
    {
        if (plan.Rejection is not null || plan.RunsLocally)
        {
            return plan;
        }

        var title = app.Title.Length > 0 ? app.Title : app.Name;
        var rejection = app.ConnectedAccounts.Count == 0 ? Result.Rejected.NotConnected(app.Name, title)
            : plan.ConnectedAccountId is { } id && !app.ConnectedAccounts.Any(account => account.Id == id) ? Result.Rejected.AccountNotFound(app.Name, title, id)
            : null;
        return rejection is null ? plan : plan.WithRejection(rejection);
    }

    private static void WritePlan(Utf8JsonWriter writer, PassthroughPlan plan)
    {
        writer.WriteStartObject();
        writer.WriteString("app", plan.App);
        writer.WriteString("function", plan.FunctionName);
        writer.WriteString("user_id", plan.UserId);
        if (plan.ConnectedAccountId is { } account)
        {
            JsonText.WriteId(writer, "connected_account_id", account);
        }
        else
        {
            writer.WriteNull("connected_account_id");
        }

        writer.WriteBoolean("runs_locally", plan.RunsLocally);
        writer.WriteString("method", plan.Method);
        writer.WriteString("url", plan.Url);
        writer.WriteStartObject("policy");
        writer.WriteBoolean("allowed", plan.Policy.IsAllowed);
        if (plan.Policy.Rule is { } rule)
        {
            writer.WriteString("rule", rule.ToString());
            writer.WriteString("message", plan.Policy.Message);
        }

        writer.WriteEndObject();
        if (plan.CredentialKind is { } kind)
        {
            writer.WriteString("credential_kind", kind);
        }

        writer.WriteStartArray("credential_placements");
        foreach (var placement in plan.CredentialPlacements)
        {
            writer.WriteStartObject();
            writer.WriteString("location", placement.Location.ToString().ToLowerInvariant());
            writer.WriteString("name", placement.Name);
            writer.WriteString("value", placement.RedactedValue);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartObject("headers");
        foreach (var (name, value) in plan.Headers)
        {
            writer.WriteString(name, value);
        }

        writer.WriteEndObject();
        writer.WriteBoolean("would_refresh_credential", plan.WouldRefreshCredential);
        writer.WriteBoolean("would_retry", plan.WouldRetry);
        writer.WriteNumber("max_retries", plan.MaxRetries);
        writer.WriteBoolean("would_send", plan.WouldSend);
        writer.WritePropertyName("rejection");
        if (plan.Rejection is { } rejection)
        {
            using var document = JsonDocument.Parse(rejection.ToJson());
            document.RootElement.WriteTo(writer);
        }
        else
        {
            writer.WriteNullValue();
        }

        writer.WriteEndObject();
    }

    private static void WriteTable(TextWriter output, PassthroughPlan plan)
    {
        var rows = new List<string?[]>
        {
            new[] { "request", $"{plan.Method} {plan.Url}" },
            new[] { "app", $"{plan.App} ({plan.FunctionName})" },
            new[] { "user", plan.UserId },
            new[] { "account", plan.ConnectedAccountId ?? "the user's account of the app" },
            new[] { "runs", plan.RunsLocally ? "in this process" : "at Integry" },
            new[] { "policy", plan.Policy.ToString() },
        };
        if (plan.CredentialKind is { } kind)
        {
            rows.Add(["credential", string.Join("; ", plan.CredentialPlacements.Select(placement => placement.ToString()).Prepend(kind))]);
        }

        rows.AddRange(plan.Headers.Select(header => new[] { "header", $"{header.Key}: {header.Value}" }));
        rows.Add(["retried", plan.WouldRetry ? string.Create(CultureInfo.InvariantCulture, $"yes, up to {plan.MaxRetries} times") : "no"]);
        rows.Add(["outcome", plan.Rejection is { } rejection ? "would be rejected: " + string.Join(" ", rejection.ErrorDetails.Prepend(rejection.Error)) : "would be sent"]);
        // The plan's facts are read whole: no cell is cut.
        TableWriter.Write(output, ["FIELD", "VALUE"], rows, maxCell: int.MaxValue);
    }
}
