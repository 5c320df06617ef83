using System.Reflection;

namespace Cluster.Gateway.Tests.Fakes;

/// <summary>
/// An <see cref="IClusterClient"/> for logic tests that only hands out grains: <c>GetGrain</c>
/// returns what <see cref="Grains"/> gives for the interface and key (integer and Guid keys as text); anything else throws.
/// </summary>
public class GrainsOnlyClusterClient : DispatchProxy
{
    private Func<Type, string, object> _grains = (type, key) => throw new InvalidOperationException($"no grain {type.Name}/{key}.");

    public static IClusterClient Create(Func<Type, string, object> grains)
    {
        var client = Create<IClusterClient, GrainsOnlyClusterClient>();
        ((GrainsOnlyClusterClient)(object)client)._grains = grains;
        return client;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
        targetMethod is { Name: nameof(IGrainFactory.GetGrain), IsGenericMethod: true } && args?[0] is string or long or Guid
            ? _grains(targetMethod.GetGenericArguments()[0], Convert.ToString(args[0], System.Globalization.CultureInfo.InvariantCulture)!)
            : throw new NotSupportedException($"{targetMethod?.Name} is not part of this test client.");
}
