package io.influxha.writer;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;

/**
 * How a partition was left by its last owner, read from its commit's metadata. A writer that
 * gives a partition up in a rebalance or at shutdown, with nothing in flight and nothing that may
 * still land, commits {@value #CLEAN}: the next owner writes at once and commits as usual. Any
 * other commit (a kill -9 leaves the last one of normal work) may have a request of the last owner
 * still running in the backend: the next owner opens a takeover window
 * ({@link PartitionState#provisional(long, long, long)}). No commit at all opens none: an owner
 * that takes a partition without a window first commits its start without metadata, before any
 * request, so a partition with no commit has never been written by anyone.
 */
final class Handover {
    static final String CLEAN = "handover:clean";

    private Handover() {}

    static boolean clean(OffsetAndMetadata commit) {
        return commit != null && CLEAN.equals(commit.metadata());
    }

    /** Whether the last owner may have left a request running: there is a commit, and it is not a clean handover. */
    static boolean mayHaveLeftRequests(OffsetAndMetadata commit) {
        return commit != null && !clean(commit);
    }
}
