namespace Integry.Sdk;

/// <summary>Checks function names before anything is sent: a name is one path segment of Integry's URL.</summary>
internal static class FunctionNames
{
    public static void Validate(string functionName, string parameterName = "functionName")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(functionName, parameterName);
        foreach (var c in functionName)
        {
            if (c is '/' or '\\' or '?' or '#' || char.IsWhiteSpace(c) || char.IsControl(c))
            {
                throw new ArgumentException(
                    $"'{functionName}' is not a function name: it contains '{(char.IsControl(c) ? "\\u" + ((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture) : c.ToString())}'. Function names are single words such as 'slack-post-message'; list them with ListFunctionsAsync.",
                    parameterName);
            }
        }

        if (functionName is "." or "..")
        {
            throw new ArgumentException($"'{functionName}' is not a function name.", parameterName);
        }
    }
}
