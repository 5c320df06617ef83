using Cluster.Grains.Onnx;
using Microsoft.ML.Tokenizers;

namespace Cluster.Grains.Pipelines;

/// <summary>
/// BERT WordPiece tokenisation (Microsoft.ML.Tokenizers' <see cref="BertTokenizer"/>) with the
/// uncased BERT settings sentence-transformers uses: lower-case, accents stripped (Latin ones by
/// <see cref="AccentFolding"/>, which needs no ICU), CJK characters split, [CLS] text [SEP],
/// truncated to the sequence limit (special tokens included). Thread-safe.
/// </summary>
public sealed class SentenceTokenizer
{
    private readonly BertTokenizer _bert;

    private SentenceTokenizer(BertTokenizer bert, int maxSequenceLength)
    {
        _bert = bert;
        MaxSequenceLength = maxSequenceLength;
    }

    public int MaxSequenceLength { get; }

    /// <summary>Loads the vocabulary; throws <see cref="ModelLoadException"/> with the reason when it cannot.</summary>
    public static SentenceTokenizer Load(string vocabPath, int maxSequenceLength)
    {
        try
        {
            var bert = BertTokenizer.Create(vocabPath, new BertOptions
            {
                LowerCaseBeforeTokenization = true,
                RemoveNonSpacingMarks = true,
                ApplyBasicTokenization = true,
                IndividuallyTokenizeCjk = true,
            });
            return new SentenceTokenizer(bert, maxSequenceLength);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or IOException or FormatException)
        {
            throw new ModelLoadException($"{Path.GetFileName(vocabPath)} is not a BERT WordPiece vocabulary: {ex.Message.Split('\n')[0]}");
        }
    }

    /// <summary>One text's token ids: [CLS], the text's word pieces, [SEP], at most <see cref="MaxSequenceLength"/> in all.</summary>
    public IReadOnlyList<int> Encode(string text) =>
        _bert.EncodeToIds(AccentFolding.Fold(text), MaxSequenceLength, addSpecialTokens: true, out _, out _);

    /// <summary>Tokenises the texts and pads them to the longest.</summary>
    public TokenBatch EncodeBatch(IReadOnlyList<string> texts)
    {
        var encoded = new IReadOnlyList<int>[texts.Count];
        var length = 0;
        for (var i = 0; i < texts.Count; i++)
        {
            encoded[i] = Encode(texts[i]);
            length = Math.Max(length, encoded[i].Count);
        }
        var ids = new long[texts.Count * length];
        var mask = new long[ids.Length];
        if (_bert.PaddingTokenId != 0) Array.Fill(ids, _bert.PaddingTokenId);
        for (var row = 0; row < encoded.Length; row++)
        {
            var offset = row * length;
            for (var t = 0; t < encoded[row].Count; t++)
            {
                ids[offset + t] = encoded[row][t];
                mask[offset + t] = 1;
            }
        }
        return new TokenBatch(texts.Count, length, ids, mask, new long[ids.Length]);
    }
}
