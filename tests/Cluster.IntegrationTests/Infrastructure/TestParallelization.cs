// Collections run in parallel: the fixtures of their own (the blob-repository cluster, the
// multi-silo placement cluster, the co-hosted gateway) start and run side by side. The shared
// cluster's collection (ClusterCollection) opts out: it holds the timing-bound tests (fair share,
// batching delays, quota windows) that went off their bounds on two cores while another fixture
// started, so it runs alone, after the parallel ones have finished.
[assembly: CollectionBehavior(CollectionBehavior.CollectionPerClass, DisableTestParallelization = false)]
