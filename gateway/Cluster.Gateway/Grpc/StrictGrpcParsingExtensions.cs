using Grpc.AspNetCore.Server.Model;

namespace Cluster.Gateway.Grpc;

/// <summary>Registers <see cref="StrictParsingServiceMethodProvider{TService}"/> in place of grpc-dotnet's binder.</summary>
public static class StrictGrpcParsingExtensions
{
    /// <summary>Call after <c>AddGrpc</c>: every generated service is then bound with strict request parsing (once, not twice).</summary>
    public static IServiceCollection AddStrictGrpcParsing(this IServiceCollection services)
    {
        var binders = services.Where(d => d.ServiceType == typeof(IServiceMethodProvider<>)
            && d.ImplementationType?.Name.StartsWith("BinderServiceMethodProvider", StringComparison.Ordinal) == true).ToList();
        if (binders.Count == 0)
            throw new InvalidOperationException("grpc-dotnet's binder provider was not found; call AddStrictGrpcParsing after AddGrpc.");
        foreach (var binder in binders) services.Remove(binder);
        services.AddSingleton(typeof(IServiceMethodProvider<>), typeof(StrictParsingServiceMethodProvider<>));
        return services;
    }
}
