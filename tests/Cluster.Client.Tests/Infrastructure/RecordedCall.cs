namespace Cluster.Client.Tests.Infrastructure;

/// <summary>One call the <see cref="FakeGrpcHandler"/> saw: its path, request headers and serialized request.</summary>
public sealed record class RecordedCall(string Path, IReadOnlyDictionary<string, string> Headers, byte[] Message);
