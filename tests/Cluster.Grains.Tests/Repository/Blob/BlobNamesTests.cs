using Cluster.Grains.Repository.Blob;

namespace Cluster.Grains.Tests.Repository.Blob;

public sealed class BlobNamesTests
{
    [Theory]
    [InlineData("breast-cancer-risk/config.json")]
    [InlineData("breast-cancer-risk/1/model.onnx")]
    [InlineData("breast-cancer-risk/MODEL_CARD.md")]
    [InlineData("minilm-l6-v2/1/vocab.txt")]
    public void RepositoryBlobNamesMapToTheSamePathInsideTheCache(string name)
    {
        Assert.True(BlobNames.TryRelativePath(name, out var relative, out var reason), reason);
        Assert.Equal(Path.Combine(name.Split('/')), relative);
    }

    [Theory]
    [InlineData("../outside.onnx", "segment '..'")]
    [InlineData("model/../../outside.onnx", "segment '..'")]
    [InlineData("model/./1/model.onnx", "segment '.'")]
    [InlineData("/etc/passwd", "empty segment")]
    [InlineData("model//1/model.onnx", "empty segment")]
    [InlineData("model/1/", "empty segment")]
    [InlineData(".blob-manifest.json", "segment '.blob-manifest.json'")]
    [InlineData("model/.download/x.tmp", "segment '.download'")]
    [InlineData("model\\..\\..\\outside.onnx", "segment 'model\\..\\..\\outside.onnx'")]
    [InlineData("C:/model/config.json", "segment 'C:'")]
    [InlineData("model/1/model onnx", "segment 'model onnx'")]
    [InlineData("model/1/model\u0001.onnx", "segment 'model?.onnx'")]
    public void NamesThatCouldLeaveTheCacheOrHideInItAreRefusedWithTheSegmentNamed(string name, string named)
    {
        Assert.False(BlobNames.TryRelativePath(name, out var relative, out var reason));
        Assert.Null(relative);
        Assert.Contains(named, reason);
    }

    [Fact]
    public void EmptyOverlongAndOverlyDeepNamesAreRefused()
    {
        Assert.False(BlobNames.TryRelativePath("", out _, out _));
        Assert.False(BlobNames.TryRelativePath(new string('a', BlobNames.MaxLength + 1), out _, out _));
        Assert.False(BlobNames.TryRelativePath(string.Join('/', Enumerable.Repeat("a", BlobNames.MaxSegments + 1)), out _, out var reason));
        Assert.Contains("segments", reason);
    }

    [Fact]
    public void FullPathStaysInsideTheCacheOrThrows()
    {
        var cache = Path.Combine(Path.GetTempPath(), "cache");

        Assert.Equal(Path.Combine(cache, "m", "1", "model.onnx"), BlobNames.FullPath(cache, Path.Combine("m", "1", "model.onnx")));
        Assert.Throws<InvalidOperationException>(() => BlobNames.FullPath(cache, Path.Combine("..", "cache-sibling", "x")));
        Assert.Throws<InvalidOperationException>(() => BlobNames.FullPath(cache, "/etc/passwd"));
    }
}
