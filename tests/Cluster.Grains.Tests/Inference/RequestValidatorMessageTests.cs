using Cluster.Grains.Inference;
using Cluster.Grains.Tests.Fixtures;
using static Cluster.Grains.Tests.Fixtures.Tensors;

namespace Cluster.Grains.Tests.Inference;

/// <summary>What refusal messages may and may not carry, across every failure class.</summary>
public sealed class RequestValidatorMessageTests
{
    public static TheoryData<string, InferenceRequest> Refusals { get; } = new()
    {
        { "duplicate", Request("identity-fp32", Fp32("INPUT0", [1, 4]), Fp32("INPUT0", [1, 4])) },
        { "unexpected", Request("identity-fp32", Fp32("OTHER", [1, 4])) },
        { "missing", Request("identity-fp32", ["OUTPUT0"]) },
        { "unknown datatype", Request("identity-fp32", Fp32("INPUT0", [1, 4]) with { DataType = "F32" }) },
        { "datatype", Request("identity-fp32", Fp32("INPUT0", [1, 4]) with { DataType = DataTypes.Fp64 }) },
        { "rank", Request("identity-fp32", Fp32("INPUT0", [1, 2, 2])) },
        { "negative", Request("identity-fp32", Fp32("INPUT0", [1, -4], count: 4)) },
        { "fixed dim", Request("identity-fp32", Fp32("INPUT0", [1, 3])) },
        { "batch 0", Request("identity-fp32", Fp32("INPUT0", [0, 4], count: 4)) },
        { "batch over max", Request("identity-fp32", Fp32("INPUT0", [9, 4])) },
        { "byte size", Request("identity-fp32", Fp32("INPUT0", [2, 4], count: 9)) },
        { "unknown output", Request("identity-fp32", ["OUTPUT7"], Fp32("INPUT0", [1, 4])) },
        { "output twice", Request("identity-fp32", ["OUTPUT0", "OUTPUT0"], Fp32("INPUT0", [1, 4])) },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void RefusalMessagesNameTheInputOrOutputButNeverTheData(string failure, InferenceRequest request)
    {
        var error = Assert.Throws<InferenceException>(() => RequestValidator.Validate(Contracts.IdentityFp32, request));

        Assert.Equal(InferenceStatus.InvalidArgument, error.Status);
        Assert.Matches("(input|output) '(INPUT0|OTHER|OUTPUT0|OUTPUT7)'", error.Message);
        Assert.False(error.Message.Contains(SecretText, StringComparison.Ordinal), $"the {failure} refusal echoes data: {error.Message}");
        Assert.DoesNotContain(SecretText, request.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void RefusalOfMalformedBytesNeverEchoesTheBytes()
    {
        var request = Request("identity-bytes", Strings("INPUT0", [1, 4], "12345.678", "secret-12345", "x"));

        var error = Assert.Throws<InferenceException>(() => RequestValidator.Validate(Contracts.IdentityBytes, request));

        Assert.Equal("input 'INPUT0' has 3 BYTES elements; shape [1,4] needs 4.", error.Message);
        Assert.DoesNotContain(SecretText, request.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void UnexpectedInputNameIsClippedLikeOtherClientText()
    {
        var name = new string('n', 10_000);

        var error = Assert.Throws<InferenceException>(() =>
            RequestValidator.Validate(Contracts.IdentityFp32, Request("identity-fp32", Fp32(name, [1, 4]))));

        Assert.Contains($"'{new string('n', 64)}...'", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Length < 300, $"message is {error.Message.Length} characters long");
    }
}
