using Cluster.Grains.Inference;
using Cluster.Grains.Metering;
using Cluster.Grains.Storage;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace Cluster.Grains.Journal;

/// <summary>
/// Writes and trims one gateway's journal (<see cref="JournalRows"/>, <see cref="JournalCodec"/>).
/// A retried write replaces its own rows. Stateless: any silo may serve any gateway.
/// </summary>
[StatelessWorker]
public sealed class GatewayJournalGrain(TableProvider tables, IOptions<StorageOptions> options) : Grain, IGatewayJournalGrain
{
    private string Gateway => this.GetPrimaryKeyString();

    public async Task WriteAudit(long sequence, AuditCut[] cuts)
    {
        CheckGateway();
        long bytes = 0;
        foreach (var cut in cuts ?? [])
        {
            if (string.IsNullOrEmpty(cut.Chain) || cut.Chunks is null || cut.Counter < 0)
                throw new ArgumentException($"journal entry {sequence} holds a cut without a chain, chunks or counter.", nameof(cuts));
            bytes += cut.Chunks.Sum(c => (long)(c?.Length ?? 0));
        }
        if (bytes > IGatewayJournalGrain.MaxEntryBytes)
            throw new ArgumentException($"journal entry {sequence} holds {bytes} bytes of records; an entry takes at most {IGatewayJournalGrain.MaxEntryBytes}.", nameof(cuts));
        await JournalRows.WriteAsync(await Table(), Gateway, JournalStream.Audit, CheckSequence(sequence), JournalCodec.Encode(cuts ?? []));
    }

    public async Task WriteUsage(long sequence, UsageRecord[] totals)
    {
        CheckGateway();
        await JournalRows.WriteAsync(await Table(), Gateway, JournalStream.Usage, CheckSequence(sequence), JournalCodec.Encode(totals ?? []));
    }

    public async Task Trim(JournalStream stream, long upTo)
    {
        CheckGateway();
        if (!Enum.IsDefined(stream)) throw new ArgumentException($"journal stream {(int)stream} does not exist.", nameof(stream));
        await JournalRows.TrimAsync(await Table(), Gateway, stream, Math.Max(0, upTo));
    }

    private void CheckGateway()
    {
        if (!SourceIds.IsValid(Gateway))
            throw new ArgumentException($"'{ClientText.Clip(Gateway)}' cannot name a journal: a gateway id of {SourceIds.Rule} is needed.");
    }

    private static long CheckSequence(long sequence) =>
        sequence >= 0 ? sequence : throw new ArgumentException($"journal entry numbers start at 0; {sequence} was given.", nameof(sequence));

    private Task<Azure.Data.Tables.TableClient> Table() => tables.GetAsync(options.Value.JournalTable);
}
