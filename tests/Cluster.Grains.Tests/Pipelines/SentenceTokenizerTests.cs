using Cluster.Grains.Pipelines;

namespace Cluster.Grains.Tests.Pipelines;

[Collection(MiniLmCollection.Name)]
public sealed class SentenceTokenizerTests(MiniLmFixture models)
{
    private const int Cls = 101, Sep = 102;

    private SentenceTokenizer Tokenizer(int maxSequenceLength = 128) =>
        SentenceTokenizer.Load(Path.Combine(models.Root, MiniLmFixture.Encoder, "vocab.txt"), maxSequenceLength);

    [Fact]
    public void EncodesLowerCasedWordPiecesBetweenClsAndSep()
    {
        // bert-base-uncased ids: this=2023 is=2003 an=2019 example=2742 sentence=6251.
        Assert.Equal([Cls, 2023, 2003, 2019, 2742, 6251, Sep], Tokenizer().Encode("This is an EXAMPLE sentence"));
    }

    [Theory]
    [InlineData("Café", "cafe")]
    [InlineData("Ménière's disease", "meniere's disease")]
    [InlineData("Sjögren syndrome", "sjogren syndrome")]
    [InlineData("Guillain-Barré", "guillain-barre")]
    [InlineData("Cafe\u0301", "cafe")]
    public void StripsAccentsAsUncasedBertDoesWithoutIcu(string accented, string plain)
    {
        accented = System.Text.RegularExpressions.Regex.Unescape(accented);

        Assert.Equal(Tokenizer().Encode(plain), Tokenizer().Encode(accented));
        Assert.DoesNotContain(100, Tokenizer().Encode(accented)); // [UNK]
    }

    [Fact]
    public void TruncatesToTheLimitIncludingClsAndSep()
    {
        var ids = Tokenizer().Encode(string.Join(' ', Enumerable.Repeat("pneumonia", 500)));

        Assert.Equal(128, ids.Count);
        Assert.Equal(Cls, ids[0]);
        Assert.Equal(Sep, ids[^1]);
    }

    [Fact]
    public void PadsABatchToItsLongestWithMaskZero()
    {
        var batch = Tokenizer().EncodeBatch(["Fever.", "Fever and productive cough for three days."]);

        Assert.Equal(2, batch.Rows);
        Assert.Equal(batch.TokenCount(1), batch.Length);
        Assert.Equal(4, batch.TokenCount(0));
        Assert.All(batch.InputIds.AsSpan(4, batch.Length - 4).ToArray(), id => Assert.Equal(0, id));
        Assert.All(batch.AttentionMask.AsSpan(4, batch.Length - 4).ToArray(), m => Assert.Equal(0, m));
        Assert.All(batch.TokenTypeIds, t => Assert.Equal(0, t));
    }

    [Fact]
    public void AnEmptyTextIsClsSep() => Assert.Equal([Cls, Sep], Tokenizer().Encode(""));
}
