using System.Reflection;
using Cluster.Gateway.Serving;
using Google.Protobuf;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;

namespace Cluster.Gateway.Grpc;

/// <summary>
/// Receives a generated service's methods from its <c>BindService</c> and adds each to the
/// endpoint model with a strict request marshaller; the handler is the service's method of the
/// same name, called on the instance grpc-dotnet activates per call (its interceptors included).
/// </summary>
internal sealed class StrictParsingBinder<TService>(ServiceMethodProviderContext<TService> context) : ServiceBinderBase
    where TService : class
{
    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler) =>
        context.AddUnaryMethod(Strict(method), Metadata(method, typeof(TRequest), typeof(ServerCallContext)),
            Handler<global::Grpc.AspNetCore.Server.Model.UnaryServerMethod<TService, TRequest, TResponse>>(method, typeof(TRequest), typeof(ServerCallContext)));

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler) =>
        context.AddClientStreamingMethod(Strict(method), Metadata(method, typeof(IAsyncStreamReader<TRequest>), typeof(ServerCallContext)),
            Handler<global::Grpc.AspNetCore.Server.Model.ClientStreamingServerMethod<TService, TRequest, TResponse>>(method, typeof(IAsyncStreamReader<TRequest>), typeof(ServerCallContext)));

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler) =>
        context.AddServerStreamingMethod(Strict(method), Metadata(method, typeof(TRequest), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext)),
            Handler<global::Grpc.AspNetCore.Server.Model.ServerStreamingServerMethod<TService, TRequest, TResponse>>(method, typeof(TRequest), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext)));

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler) =>
        context.AddDuplexStreamingMethod(Strict(method), Metadata(method, typeof(IAsyncStreamReader<TRequest>), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext)),
            Handler<global::Grpc.AspNetCore.Server.Model.DuplexStreamingServerMethod<TService, TRequest, TResponse>>(method, typeof(IAsyncStreamReader<TRequest>), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext)));

    private static Method<TRequest, TResponse> Strict<TRequest, TResponse>(Method<TRequest, TResponse> method)
        where TRequest : class where TResponse : class
    {
        var inner = method.RequestMarshaller;
        var typeName = typeof(TRequest).Name;
        var strict = new Marshaller<TRequest>(inner.ContextualSerializer, deserialization =>
        {
            try
            {
                return inner.ContextualDeserializer(deserialization);
            }
            catch (InvalidProtocolBufferException ex)
            {
                // The parser's messages are fixed texts ("String is invalid UTF-8."): no content.
                throw GrpcErrors.From(new ServingException(ServingCode.InvalidArgument, ErrorReasons.MalformedMessage,
                    $"the request is not a valid {typeName} message: {ex.Message}"));
            }
        });
        return new Method<TRequest, TResponse>(method.Type, method.ServiceName, method.Name, strict, method.ResponseMarshaller);
    }

    private static MethodInfo Find(IMethod method, Type[] parameters) =>
        typeof(TService).GetMethod(method.Name, BindingFlags.Public | BindingFlags.Instance, parameters)
        ?? throw new InvalidOperationException($"{typeof(TService).Name} has no method {method.Name} for gRPC method {method.FullName}.");

    private static TDelegate Handler<TDelegate>(IMethod method, params Type[] parameters) where TDelegate : Delegate =>
        Find(method, parameters).CreateDelegate<TDelegate>();

    /// <summary>What grpc-dotnet's own binder gives endpoints: the service type's and the method's attributes (authorization, CORS).</summary>
    private static List<object> Metadata(IMethod method, params Type[] parameters) =>
        [.. typeof(TService).GetCustomAttributes(inherit: true), .. Find(method, parameters).GetCustomAttributes(inherit: true)];
}
