using Integry.Sdk.Passthrough;

namespace Integry.Sdk;

/// <summary>Dry runs: the executor's own steps up to the point of sending, with nothing sent and no secret kept.</summary>
public sealed partial class PassthroughExecutor
{
    /// <summary>Plans a passthrough the way <see cref="InvokeAsync"/> would run it, stopping before the request is built for sending.</summary>
    internal async Task<PassthroughPlan> PlanAsync(FunctionInvocation invocation, PolicyDecision decision, CancellationToken cancellationToken)
    {
        PassthroughFunctionName.TryGetApp(invocation.FunctionName, out var slug);
        var app = Catalog.FindEntry(slug!);
        if (app is null)
        {
            return PassthroughPlanner.Initial(invocation, slug!, decision, Rejections.FunctionNotFound(invocation.FunctionName));
        }

        var definition = app.Definition;
        if (!decision.IsAllowed)
        {
            // A denied call reads no credential, as the invoke path does not.
            return PassthroughPlanner.Initial(invocation, definition.Slug, decision, null);
        }

        var arguments = CheckArguments(invocation, inputChecked: false, out var argumentsRejection);
        if (arguments is null)
        {
            return PassthroughPlanner.Initial(invocation, definition.Slug, decision, argumentsRejection);
        }

        var plan = PassthroughPlanner.Initial(invocation, definition.Slug, decision, null);
        // The invoke path's own lookup: the same deadline, the same wrapping of the provider's faults (an IntegryException
        // that names only the exception's type), so a dry run fails exactly where and how the call would.
        var credentialRequest = new CredentialRequest { UserId = invocation.UserId, App = definition.Slug, ConnectedAccountId = invocation.ConnectedAccountId };
        CredentialOutcome lookup;
        using (var deadline = new CallDeadline(_options.Timeout, _timeProvider, cancellationToken))
        {
            lookup = await LookUpAsync(credentialRequest, definition, deadline).ConfigureAwait(false);
        }

        var (credential, mustReconnect) = lookup;
        if (mustReconnect)
        {
            return plan.WithRejection(Rejections.Reconnect(definition.DisplayName, definition.Slug));
        }

        if (credential is null)
        {
            return plan.WithRejection(Rejections.NoCredential(definition.DisplayName, definition.Slug, invocation.ConnectedAccountId));
        }

        // The credential's values stay in this method's locals: the plan gets only their redacted forms.
        var secrets = PassthroughPlanner.SecretsOf(credential);
        var whole = credential is Credential.Custom;
        var retryable = _options.MaxRetries > 0 && OnwardSender.IsRetryable(arguments.Method, definition.IdempotencyHeader is not null);
        var common = new PassthroughPlan
        {
            App = plan.App,
            FunctionName = plan.FunctionName,
            UserId = plan.UserId,
            ConnectedAccountId = credential.ConnectedAccountId ?? invocation.ConnectedAccountId,
            RunsLocally = true,
            Method = arguments.Method.Method,
            Url = plan.Url,
            Policy = decision,
            CredentialKind = PassthroughPlanner.KindOf(credential),
            WouldRefreshCredential = IsExpiring(credential),
            WouldRetry = retryable,
            MaxRetries = retryable ? _options.MaxRetries : 0,
        };

        var target = PassthroughTarget.Resolve(arguments.Url, app, credential, out var urlProblem);
        if (target is null)
        {
            return common.WithRejection(Rejections.InvalidArguments(new Dictionary<string, string> { [PassthroughArguments.UrlName] = urlProblem! }));
        }

        var parts = CredentialPartsCache.PartsFor(definition, credential, out var credentialProblem);
        if (parts is null)
        {
            return common.WithRejection(Rejections.InvalidInputDetail(credentialProblem!));
        }

        // The invoke path's own checks of the request against the credential (the URL's query, the caller's headers, the
        // body's members), in its order; what it builds stays here: the plan gets only the refusal and the body's type.
        var prepared = Prepare(invocation, app, arguments, target, credential, out var refusal);
        var contentType = prepared?.ContentType ?? arguments.Body?.ContentType;
        if (parts.Aws is { } signer)
        {
            // The key id and a session token are not in the stored credential's usual secrets: a caller's text quoting them is masked too.
            secrets.Add(signer.AccessKeyId);
            if (signer.SessionToken is { } sessionToken)
            {
                secrets.Add(sessionToken);
            }
        }

        var placements = parts.Headers.Select(header => new PlannedCredentialPlacement(CredentialLocation.Header, header.Name, PassthroughPlanner.Redact(header.Value, secrets, whole)))
            .Concat(parts.Query.Select(pair => new PlannedCredentialPlacement(CredentialLocation.Query, pair.Name, PassthroughPlanner.Redact(pair.Value, secrets, whole))))
            .Concat(parts.BodyFields.Select(field => new PlannedCredentialPlacement(CredentialLocation.JsonBody, field.Name, PassthroughPlanner.Redact(field.Value, secrets, whole))))
            .Concat(SignaturePlacements(parts.Aws, hasContentType: contentType is not null))
            .ToArray();
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["User-Agent"] = OnwardSender.UserAgent.ToString() };
        foreach (var (name, value) in definition.DefaultHeaders)
        {
            headers[name] = value;
        }

        var headerPlacements = placements.Where(placement => placement.Location == CredentialLocation.Header);
        if (parts.Aws is null)
        {
            // A signed request's headers come last on the wire (after the caller's): they are listed below.
            foreach (var placement in headerPlacements)
            {
                headers[placement.Name] = placement.RedactedValue;
            }
        }

        if (definition.IdempotencyHeader is { } idempotency)
        {
            headers[idempotency] = "(a new key per call, the same on every attempt)";
        }

        if (contentType is not null)
        {
            headers["Content-Type"] = contentType;
        }

        if (refusal is null)
        {
            AddCallerHeaders(headers, arguments.Headers, secrets, hasBody: prepared?.Body is not null);
        }

        if (parts.Aws is not null)
        {
            // In the order AwsSigV4Signer.Sign writes them.
            headers["X-Amz-Date"] = "(the time of sending, yyyyMMddTHHmmssZ)";
            foreach (var placement in headerPlacements.Reverse())
            {
                headers[placement.Name] = placement.RedactedValue;
            }
        }

        return new PassthroughPlan
        {
            App = common.App,
            FunctionName = common.FunctionName,
            UserId = common.UserId,
            ConnectedAccountId = common.ConnectedAccountId,
            RunsLocally = true,
            Method = common.Method,
            Url = RedactedUrl(target, parts),
            Policy = decision,
            CredentialKind = common.CredentialKind,
            CredentialPlacements = placements,
            Headers = headers,
            WouldRefreshCredential = common.WouldRefreshCredential,
            WouldRetry = common.WouldRetry,
            MaxRetries = common.MaxRetries,
            Rejection = refusal,
        };
    }

    /// <summary>
    /// The caller's own headers (a typed request's), as the call sets them last: the first use of a name replaces the
    /// app's default of that name, a repeated name adds a value, and a content header (<c>Content-Language</c>) goes
    /// only with a body. A value that quotes the credential shows it masked.
    /// </summary>
    private static void AddCallerHeaders(Dictionary<string, string> headers, IReadOnlyList<KeyValuePair<string, string>> callerHeaders, IReadOnlyList<string> secrets, bool hasBody)
    {
        var replaced = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        using var probe = new HttpRequestMessage();
        foreach (var (name, value) in callerHeaders)
        {
            if (!hasBody && !probe.Headers.TryAddWithoutValidation(name, value))
            {
                // A content header without content: the call drops it.
                continue;
            }

            var shown = PassthroughPlanner.Redact(value, secrets, whole: false);
            headers[name] = replaced.Add(name) || !headers.TryGetValue(name, out var earlier) ? shown : earlier + ", " + shown;
        }
    }

    /// <summary>Where an AWS access key goes: the signature in <c>Authorization</c> and, for temporary credentials, the
    /// session token; both masked. The signature itself is made when the request is sent.</summary>
    private static IEnumerable<PlannedCredentialPlacement> SignaturePlacements(AwsSigV4Signer? signer, bool hasContentType)
    {
        if (signer is null)
        {
            yield break;
        }

        yield return new PlannedCredentialPlacement(CredentialLocation.Header, "Authorization", signer.PlannedAuthorization(hasContentType));
        if (signer.SessionToken is not null)
        {
            yield return new PlannedCredentialPlacement(CredentialLocation.Header, "X-Amz-Security-Token", PassthroughPlanner.Mask);
        }
    }

    private static string RedactedUrl(Uri target, CredentialParts parts) =>
        UrlRedactor.Redact(CredentialInjector.AppendQuery(target, parts), parts.QueryNames);
}
