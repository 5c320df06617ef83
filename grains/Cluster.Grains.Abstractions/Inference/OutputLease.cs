namespace Cluster.Grains.Inference;

/// <summary>
/// A claim on pooled memory that a response's output tensors are windows on. It lives only in the
/// process that made it: <see cref="InferenceResponse.Lease"/> is not serialized, so a caller in
/// another process receives copies of the bytes and no lease, and the memory behind the silo's
/// copy goes to the garbage collector instead of back to the pool. A caller in the same process
/// (a gateway co-hosted in the silo) disposes the lease once every byte of the outputs has been
/// written and hashed; never before, since the memory is then reused for other requests. Disposing
/// twice is harmless; never disposing only costs the pool a buffer.
/// </summary>
public interface IOutputLease : IDisposable;
