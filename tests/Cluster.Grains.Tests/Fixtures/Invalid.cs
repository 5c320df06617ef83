using Cluster.Grains.Inference;
using Cluster.Grains.Repository;

namespace Cluster.Grains.Tests.Fixtures;

/// <summary>Asserts that a request is refused with exactly one message, which echoes no data.</summary>
public static class Invalid
{
    public static void Refused(ModelVersionDescriptor model, InferenceRequest request, string expectedMessage)
    {
        var error = Assert.Throws<InferenceException>(() => RequestValidator.Validate(model, request));
        Assert.Equal(InferenceStatus.InvalidArgument, error.Status);
        Assert.Equal(expectedMessage, error.Message);
        Assert.DoesNotContain(Tensors.SecretText, error.Message, StringComparison.Ordinal);
    }
}
