using System.Globalization;
using System.Text.Json;

namespace Integry.Sdk.Emulator;

/// <summary>The current API's function routes: call, list, predict and get.</summary>
internal static class FunctionEndpoints
{
    public static void Map(IEndpointRouteBuilder routes, EmulatorState state)
    {
        routes.MapPost("/functions/list/", (HttpRequest request) => ListAsync(request, state));
        routes.MapPost("/functions/predict/", (HttpRequest request) => PredictAsync(request, state));
        routes.MapPost("/functions/{name}/call/", (string name, HttpRequest request) => CallAsync(name, request, state));
        routes.MapMethods("/functions/{name}/get/", ["GET", "POST"], (string name, HttpRequest request) => GetAsync(name, request, state));
    }

    public static async Task<IResult> CallAsync(string name, HttpRequest request, EmulatorState state)
    {
        var userId = EmulatorAuthentication.UserOf(request);

        var (arguments, problem) = await RequestBody.ReadObjectAsync(request);
        if (problem is not null)
        {
            return problem;
        }

        var account = request.Query.TryGetValue("connected_account_id", out var value) ? value.ToString() : null;
        if (account is "")
        {
            return WireBodies.Detail(StatusCodes.Status400BadRequest, "connected_account_id must not be empty.");
        }

        if (!PassthroughFunctionName.IsPassthrough(name))
        {
            return NotFound();
        }

        Result result;
        try
        {
            result = await state.Client.ForUser(userId).InvokeFunctionAsync(name, arguments, new InvokeFunctionOptions { ConnectedAccountId = account }, request.HttpContext.RequestAborted);
        }
        catch (ArgumentException)
        {
            return NotFound();
        }
        catch (IntegryException exception)
        {
            return WireBodies.Detail(StatusCodes.Status502BadGateway, exception.Message);
        }

        return result switch
        {
            Result.Rejected { Error: "Function not found" } => NotFound(),
            Result.Rejected rejected => WireBodies.Raw(StatusCodes.Status400BadRequest, rejected.ToJson()),
            _ => WireBodies.Raw(
                StatusCodes.Status200OK,
                result.ToJson(),
                new Dictionary<string, string> { ["X-Credits"] = "1", ["X-Session-ID"] = Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture) }),
        };
    }

    public static async Task<IResult> ListAsync(HttpRequest request, EmulatorState state)
    {
        var userId = EmulatorAuthentication.UserOf(request);

        var (body, problem) = request.Method == HttpMethods.Get ? (default, null) : await RequestBody.ReadObjectAsync(request);
        if (problem is not null)
        {
            return problem;
        }

        var cursor = body.ValueKind == JsonValueKind.Object ? RequestBody.Cursor(body, out problem) : null;
        cursor ??= request.Query["_cursor"].ToString() is { Length: > 0 } queryCursor ? queryCursor : null;
        if (problem is not null)
        {
            return problem;
        }

        if (!Paging.TryDecode(cursor, out var offset))
        {
            return WireBodies.Detail(StatusCodes.Status400BadRequest, Paging.InvalidCursor);
        }

        var type = request.Query["type"].ToString();
        if (type.Length > 0 && !type.ToUpperInvariant().Equals("PASSTHROUGH", StringComparison.Ordinal)
            && !type.ToUpperInvariant().Equals("ACTION", StringComparison.Ordinal) && !type.ToUpperInvariant().Equals("QUERY", StringComparison.Ordinal))
        {
            return WireBodies.Detail(StatusCodes.Status400BadRequest, $"'{type}' is not a function type: use ACTION, QUERY or PASSTHROUGH.");
        }

        var filters = new ListFunctionsOptions
        {
            App = NullIfEmpty(request.Query["app"].ToString()),
            Search = NullIfEmpty(request.Query["search"].ToString()),
            ConnectedOnly = WireBodies.IsTrue(request.Query["connected_only"]),
            IncludeMeta = IncludesMeta(request),
        };

        // The emulator runs passthrough functions only; the other types list empty.
        var functions = type.Length == 0 || type.Equals("PASSTHROUGH", StringComparison.OrdinalIgnoreCase)
            ? await state.Client.ForUser(userId).ListFunctionsAsync(FunctionType.Passthrough, filters, request.HttpContext.RequestAborted)
            : [];
        var pageSize = state.Config.PageSize;
        var next = Paging.Next(offset, pageSize, functions.Count);
        return WireBodies.Json(StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("functions");
            foreach (var function in functions.Skip(offset).Take(pageSize))
            {
                WireBodies.WriteFunction(writer, function);
            }

            writer.WriteEndArray();
            WireBodies.WriteCursor(writer, next);
            writer.WriteEndObject();
        });
    }

    private static async Task<IResult> GetAsync(string name, HttpRequest request, EmulatorState state)
    {
        var userId = EmulatorAuthentication.UserOf(request);
        var (body, problem) = request.Method == HttpMethods.Post ? await RequestBody.ReadObjectAsync(request) : (default, null);
        if (problem is not null)
        {
            return problem;
        }

        // Integry's Node SDK sends "prompt": undefined, which arrives as no member, and Python leaves an empty prompt out.
        var prompt = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("prompt", out var promptElement) ? promptElement : default;
        if (prompt.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null or JsonValueKind.String))
        {
            return PromptProblem();
        }

        IntegryFunction function;
        try
        {
            function = await state.Client.ForUser(userId).GetFunctionAsync(name, new GetFunctionOptions { IncludeMeta = IncludesMeta(request) }, request.HttpContext.RequestAborted);
        }
        catch (Exception exception) when (exception is IntegryNotFoundException or ArgumentException or InvalidOperationException)
        {
            // The emulator runs passthrough functions only: any other name is not found, as at Integry.
            return NotFound();
        }

        if (prompt.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(prompt.GetString()))
        {
            function = function with { Arguments = Prediction.Arguments(prompt.GetString()!, Variables(body)) };
        }

        return WireBodies.Json(StatusCodes.Status200OK, writer => WireBodies.WriteFunction(writer, function));
    }

    private static async Task<IResult> PredictAsync(HttpRequest request, EmulatorState state)
    {
        var userId = EmulatorAuthentication.UserOf(request);
        var (body, problem) = await RequestBody.ReadObjectAsync(request);
        if (problem is not null)
        {
            return problem;
        }

        if (!body.TryGetProperty("prompt", out var promptElement) || promptElement.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(promptElement.GetString()))
        {
            return PromptProblem();
        }

        var prompt = promptElement.GetString()!;
        var includeMeta = IncludesMeta(request);
        var candidates = await state.Client.ForUser(userId).ListFunctionsAsync(
            FunctionType.Passthrough,
            new ListFunctionsOptions { ConnectedOnly = WireBodies.IsTrue(request.Query["connected_only"]), IncludeMeta = true },
            request.HttpContext.RequestAborted);
        var predictArguments = WireBodies.IsTrue(request.Query["predict_arguments"]);
        var arguments = predictArguments ? Prediction.Arguments(prompt, Variables(body)) : null;
        var predicted = Prediction.Rank(prompt, candidates)
            .Select(function => function with { Meta = includeMeta ? function.Meta : null, Arguments = arguments })
            .ToArray();
        return WireBodies.Json(StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("functions");
            foreach (var function in predicted)
            {
                WireBodies.WriteFunction(writer, function);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }

    /// <summary>Integry's documented 400 for a missing or empty prompt: the parameter mapped to its message.</summary>
    private static IResult PromptProblem() => WireBodies.Json(StatusCodes.Status400BadRequest, writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("prompt", "Must be a non-empty string");
        writer.WriteEndObject();
    });

    private static JsonElement? Variables(JsonElement body) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty("_variables", out var variables) ? variables : null;

    private static bool IncludesMeta(HttpRequest request) =>
        request.Query["include"].ToString().Split(',').Any(part => string.Equals(part.Trim(), "meta", StringComparison.OrdinalIgnoreCase));

    private static IResult NotFound() => WireBodies.Detail(StatusCodes.Status404NotFound, "Function not found");

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
