// The shared cluster and the multi-silo placement cluster run one after the other: run together on
// two cores, one's start-up moved the other's timing-based tests (fair share, batching) off their
// bounds. The whole project still takes well under a minute.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
