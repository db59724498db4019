package io.influxha.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxha.launcher.TransactionCheck.Open;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class AbortRunTest {
    private static final TopicPartition SHARD = new TopicPartition("p.shard.main", 0);
    private static final Open OPEN = new Open(SHARD, 4000, 7, 3, 120, 1_000);
    private static final AbortPlan PLAN = new AbortPlan(List.of(OPEN), List.of(), Optional.empty());
    private static final OpenTransactions.Reading STILL_OPEN = new OpenTransactions.Reading(List.of(OPEN), Map.of());
    private static final OpenTransactions.Reading CLOSED = new OpenTransactions.Reading(List.of(), Map.of());

    /** Answers reads from a queue (the last answer repeats) and fails aborts while {@code failures} lasts. */
    static final class FakePartitions implements AbortRun.Partitions {
        final Deque<OpenTransactions.Reading> reads = new ArrayDeque<>();
        int failures;
        final List<Open> aborts = new ArrayList<>();

        @Override
        public OpenTransactions.Reading open(Collection<TopicPartition> partitions) {
            return reads.size() > 1 ? reads.poll() : reads.peek();
        }

        @Override
        public void abort(Open o) {
            aborts.add(o);
            if (failures-- > 0) {
                throw new IllegalStateException("cannot read the abort of producer id 4000: timeout");
            }
        }
    }

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final FakePartitions fake = new FakePartitions();

    private int run() {
        return new AbortRun(fake, new PrintWriter(out, true), new PrintWriter(err, true), Duration.ofMillis(1)).run(PLAN, true);
    }

    @Test
    void an_attempt_that_failed_but_landed_is_done_when_the_partition_reads_closed() {
        fake.failures = 1;
        fake.reads.add(CLOSED);
        assertThat(run()).as(err.toString()).isZero();
        assertThat(fake.aborts).as("not retried once the partition reads closed").hasSize(1);
        assertThat(err.toString()).contains("abort_failed", "not_retried");
        assertThat(out.toString()).contains("aborted topic=p.shard.main partition=0", "aborted 1 partition");
    }

    @Test
    void a_retry_happens_only_while_the_same_transaction_is_open() {
        fake.failures = 1;
        fake.reads.add(STILL_OPEN);
        fake.reads.add(CLOSED);
        assertThat(run()).isZero();
        assertThat(fake.aborts).hasSize(2);
    }

    @Test
    void a_new_transaction_of_the_same_epoch_at_another_offset_is_never_aborted_by_a_retry() {
        fake.failures = 1;
        Open newer = new Open(SHARD, 4000, 7, 3, 180, 2_000); // transactions v1: the session reused epoch 7
        fake.reads.add(new OpenTransactions.Reading(List.of(newer), Map.of()));
        assertThat(run()).isZero();
        assertThat(fake.aborts).containsExactly(OPEN);
        assertThat(err.toString()).contains("not_retried topic=p.shard.main partition=0 producer_id=4000 producer_epoch=7 start_offset=120");
    }

    @Test
    void an_unreadable_partition_is_not_aborted_again_and_is_unfinished_by_name() {
        fake.failures = 1;
        fake.reads.add(new OpenTransactions.Reading(List.of(), Map.of(SHARD, "its leader did not answer within 30 s")));
        assertThat(run()).isEqualTo(1);
        assertThat(fake.aborts).hasSize(1);
        assertThat(err.toString()).contains("abort_deferred", "unreadable topic=p.shard.main partition=0", "0 of 1 partitions still open, 1 unreadable");
    }

    @Test
    void still_open_after_every_attempt_is_exit_one() {
        fake.failures = AbortRun.ATTEMPTS;
        fake.reads.add(STILL_OPEN);
        assertThat(run()).isEqualTo(1);
        assertThat(fake.aborts).hasSize(AbortRun.ATTEMPTS);
        assertThat(err.toString()).contains("still_open topic=p.shard.main", "1 of 1 partitions still open");
    }
}
