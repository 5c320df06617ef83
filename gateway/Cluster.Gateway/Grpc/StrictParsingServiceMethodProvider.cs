using System.Reflection;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;

namespace Cluster.Gateway.Grpc;

/// <summary>
/// Binds the methods of every generated gRPC service (the job of grpc-dotnet's own binder, which
/// <see cref="StrictGrpcParsingExtensions.AddStrictGrpcParsing"/> replaces) with request
/// marshallers that refuse a message protobuf cannot parse (a string field that is not UTF-8, a
/// bad tag, a truncated field) as INVALID_ARGUMENT naming the message type. grpc-dotnet's binder
/// lets the parser's exception escape as UNKNOWN "Exception was thrown by handler".
/// </summary>
public sealed class StrictParsingServiceMethodProvider<TService> : IServiceMethodProvider<TService>
    where TService : class
{
    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<TService> context)
    {
        var bind = typeof(TService).GetCustomAttributes<BindServiceMethodAttribute>(inherit: true).FirstOrDefault();
        // The generated BindService(ServiceBinderBase, TServiceBase): called with no instance, as
        // grpc-dotnet does, it only announces the methods; the handlers are bound by name below.
        var bindMethod = bind?.BindType.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .FirstOrDefault(m => m.Name == bind.BindMethodName && m.GetParameters() is [{ ParameterType: var b }, { ParameterType: var s }]
                && b == typeof(ServiceBinderBase) && s.IsAssignableFrom(typeof(TService)));
        if (bindMethod is null) return;
        bindMethod.Invoke(null, [new StrictParsingBinder<TService>(context), null]);
    }
}
