using System.Reflection;

namespace Integry.Sdk.Tests.Conventions;

internal static class PublicApi
{
    public static readonly Assembly Sdk = typeof(IntegryClient).Assembly;

    public static IEnumerable<Type> Types => Sdk.GetExportedTypes();

    public static IEnumerable<MethodInfo> DeclaredPublicMethods(Type type) =>
        type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .Where(method => !method.IsSpecialName);

    public static bool IsAsync(MethodInfo method)
    {
        var returnType = method.ReturnType;
        if (returnType == typeof(Task) || returnType == typeof(ValueTask))
        {
            return true;
        }

        if (!returnType.IsGenericType)
        {
            return false;
        }

        var definition = returnType.GetGenericTypeDefinition();
        return definition == typeof(Task<>) || definition == typeof(ValueTask<>) || definition == typeof(IAsyncEnumerable<>);
    }

    public static bool EndsWithCancellationToken(MethodInfo method)
    {
        var parameters = method.GetParameters();
        return parameters.Length > 0 && parameters[^1].ParameterType == typeof(CancellationToken);
    }

    public static string Describe(MethodInfo method) =>
        $"{method.DeclaringType!.FullName}.{method.Name}({string.Join(", ", method.GetParameters().Select(parameter => parameter.ParameterType.Name))})";
}
