package io.influxha.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.influxha.core.config.BackendSettings;
import io.influxha.core.config.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WriterLifecycleTest {

    @Test
    void a_loop_that_fails_ends_the_writer_and_says_why_in_health_until_the_process_exits() throws Exception {
        try (WriterFixture f = new WriterFixture(WriterFixture.settings(5000, 1 << 20, Duration.ofMillis(20))).start(1)) {
            assertThat(io.influxha.core.health.HealthChecks.all()).contains(
                    new io.influxha.core.health.HealthChecks.Check("role writer-a", io.influxha.core.health.HealthChecks.Status.PASS, "running"));

            f.consumer.schedulePollTask(() -> {
                throw new IllegalStateException("a poll that cannot go on");
            });
            f.writer().terminated().get(30, TimeUnit.SECONDS);

            assertThat(f.writer().failed()).isTrue();
            assertThat(f.writer().failure()).hasValue("writer loop failed: java.lang.IllegalStateException: a poll that cannot go on");
            assertThat(io.influxha.core.health.HealthChecks.all()).contains(new io.influxha.core.health.HealthChecks.Check(
                    "role writer-a", io.influxha.core.health.HealthChecks.Status.FAIL,
                    "writer loop failed: java.lang.IllegalStateException: a poll that cannot go on"));
            assertThat(io.influxha.core.metrics.Metrics.scrape()).contains("influxha_role_up{name=\"a\",role=\"writer\"} 0.0");
        }
    }

    /**
     * A loop that fails at once can end the writer's thread before its constructor returns: the
     * failure must stay what {@code /health} and {@code influxha_role_up} show, never be overwritten
     * by "running". The thread factory makes that order certain: its thread's start() returns only
     * once the thread has ended.
     */
    @Test
    void a_loop_that_fails_before_the_constructor_returns_stays_failed() throws Exception {
        try (WriterFixture f = new WriterFixture(WriterFixture.settings(5000, 1 << 20, Duration.ofMillis(20)))) {
            f.consumer.schedulePollTask(() -> {
                throw new IllegalStateException("a poll that cannot go on");
            });
            java.util.concurrent.ThreadFactory endsBeforeStartReturns = r -> new Thread(r) {
                @Override
                public synchronized void start() {
                    super.start();
                    try {
                        join(WriterFixture.WAIT.toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            };
            Writer writer = Writer.start(f.consumer, f.producer, new BackendClient(f.config.backends().get(0)), f.config, "a",
                    List.of(WriterFixture.TOPIC), Schema.inMemory(), endsBeforeStartReturns);
            try {
                assertThat(writer.terminated()).as("the thread ended before start returned").isDone();
                assertThat(writer.failure()).hasValue("writer loop failed: java.lang.IllegalStateException: a poll that cannot go on");
                assertThat(io.influxha.core.health.HealthChecks.all()).contains(new io.influxha.core.health.HealthChecks.Check(
                        "role writer-a", io.influxha.core.health.HealthChecks.Status.FAIL,
                        "writer loop failed: java.lang.IllegalStateException: a poll that cannot go on"));
                assertThat(io.influxha.core.metrics.Metrics.scrape()).contains("influxha_role_up{name=\"a\",role=\"writer\"} 0.0");
            } finally {
                writer.close();
            }
        }
    }

    @Test
    void a_writer_closed_on_purpose_has_not_failed_and_drops_its_check() throws Exception {
        try (WriterFixture f = new WriterFixture(WriterFixture.settings(5000, 1 << 20, Duration.ofMillis(20))).start(1)) {
            f.writer().close();

            assertThat(f.writer().terminated()).isDone();
            assertThat(f.writer().failure()).isEmpty();
            assertThat(io.influxha.core.health.HealthChecks.all()).extracting(io.influxha.core.health.HealthChecks.Check::name)
                    .doesNotContain("role writer-a");
        }
    }

    @Test
    void close_writes_what_was_read_commits_it_and_leaves_the_group() throws Exception {
        try (WriterFixture f = new WriterFixture(WriterFixture.settings(5000, 1 << 20, Duration.ofHours(1))).start(1)) {
            f.consumer.schedulePollTask(() -> {
                for (int i = 0; i < 3; i++) {
                    f.data(0, i, "db", "", "cpu v=" + i + " " + i + "\n");
                }
            });
            Eventually.until(WriterFixture.WAIT, () -> f.consumer.position(WriterFixture.tp(0)) == 3, () -> "records polled");
            assertThat(f.influx.writes()).as("the batch is young and not full").isEmpty();

            f.writer().close();

            assertThat(f.writtenLines()).containsExactly("cpu v=0 0", "cpu v=1 1", "cpu v=2 2");
            assertThat(f.committed(0)).isEqualTo(3);
            assertThat(f.consumer.closed()).isTrue();
            assertThat(f.writer().isRunning()).isFalse();
        }
    }

    /**
     * The fence of a write in flight when its partition is revoked goes with the commit, and that
     * commit still holds at the first copy of a barrier the write came after: the next owner must
     * read every copy again (a commit past it would have it miss copies of the statement).
     */
    @Test
    void the_fence_committed_at_revocation_never_passes_an_open_barriers_first_copy() throws Exception {
        try (WriterFixture f = new WriterFixture(WriterFixture.settings(5000, 1 << 20, Duration.ofMillis(20), Duration.ofSeconds(30))).start(1)) {
            CountDownLatch answer = new CountDownLatch(1);
            f.influx.respond(r -> {
                if (r.path().equals("/write") && r.body().contains("between")) {
                    await(answer);
                }
                return r.path().equals("/write") ? FakeInflux.NO_CONTENT : FakeInflux.QUERY_OK;
            });
            f.consumer.schedulePollTask(() -> f.data(0, 0, "db", "", "before v=1 1\n"));
            f.awaitCommitted(0, 1);
            f.consumer.schedulePollTask(() -> {
                f.ddlCopy(0, 1, "db", "DROP MEASUREMENT \"x\"", "d1", 2);
                f.data(0, 2, "db", "", "between v=1 1\n"); // acknowledged before the DROP: written before it
            });
            Eventually.until(WriterFixture.WAIT, () -> f.influx.writes().stream().anyMatch(w -> w.body().contains("between")),
                    () -> "the write between the copies in flight");

            f.consumer.schedulePollTask(() -> f.consumer.rebalance(List.of()));
            Eventually.until(WriterFixture.WAIT, () -> f.consumer.assignment().isEmpty(), () -> "partition 0 revoked");
            answer.countDown();

            assertThat(f.committed(0)).as("held at the barrier's first copy").isLessThanOrEqualTo(1);
            assertThat(f.consumer.commitMetadata.get(WriterFixture.tp(0))).startsWith(LateFence.METADATA_PREFIX);
        }
    }

    @Test
    void a_revoked_partition_drops_its_work_and_never_commits_a_result_that_arrives_late() throws Exception {
        try (WriterFixture f = new WriterFixture(WriterFixture.settings(5000, 1 << 20, Duration.ofMillis(50), Duration.ofSeconds(30))).start(2)) {
            CountDownLatch answer = new CountDownLatch(1);
            f.influx.respond(r -> {
                if (r.params().get("db").equals("slow")) {
                    await(answer);
                }
                return FakeInflux.NO_CONTENT;
            });
            f.consumer.schedulePollTask(() -> f.data(0, 0, "slow", "", "a v=1 1\n"));
            Eventually.until(WriterFixture.WAIT, () -> f.influx.writes().size() == 1, () -> "write of partition 0 in flight");

            f.consumer.schedulePollTask(() -> f.consumer.rebalance(List.of(WriterFixture.tp(1))));
            Eventually.until(WriterFixture.WAIT, () -> f.consumer.assignment().equals(java.util.Set.of(WriterFixture.tp(1))), () -> "partition 0 revoked");
            answer.countDown();
            f.consumer.schedulePollTask(() -> f.data(1, 0, "fast", "", "b v=1 1\n"));
            f.awaitCommitted(1, 1);

            assertThat(f.committed(0)).as("nothing past the write that was in flight").isLessThanOrEqualTo(0);
            // the write in flight may still land: its fence goes to the partition's next owner with the commit
            assertThat(f.consumer.commitMetadata.get(WriterFixture.tp(0)))
                    .startsWith(LateFence.METADATA_PREFIX);
            assertThat(f.writer().pointsWritten()).as("only partition 1's point counts").isEqualTo(1);
        }
    }

    /**
     * A finished write wakes the consumer from its HTTP thread, and the wakeup may land in the
     * blocking read of the commits that follows an assignment. Once that read came after a poll
     * had returned records, which the WakeupException then threw away while the consumer's
     * position had moved past them: the fault suite lost points that way. Every record must
     * still be written and committed.
     */
    @Test
    void a_wakeup_landing_in_the_assignments_read_of_commits_loses_no_record() throws Exception {
        try (WriterFixture f = new WriterFixture(WriterFixture.settings(5000, 1 << 20, Duration.ofMillis(20)))) {
            f.consumer.wakeupsOnCommitted.set(2);
            f.start(1);
            f.consumer.schedulePollTask(() -> {
                f.data(0, 0, "db", "", "a v=1 1\n");
                f.data(0, 1, "db", "", "a v=2 2\n");
            });
            f.awaitCommitted(0, 2);
            assertThat(f.writtenLines()).containsExactly("a v=1 1", "a v=2 2");
        }
    }

    /**
     * The position of an idle partition is read to commit past transaction markers; a wakeup from a
     * finished write can land in that read when the position must be looked up (after a broker
     * roll, a seek's leader epoch is validated first). The cluster fault suite's writer died of it.
     * The writer must go on.
     */
    @Test
    void a_wakeup_landing_in_the_read_of_a_position_does_not_stop_the_writer() throws Exception {
        try (WriterFixture f = new WriterFixture(WriterFixture.settings(5000, 1 << 20, Duration.ofMillis(20))).start(1)) {
            f.consumer.schedulePollTask(() -> f.data(0, 0, "db", "", "a v=1 1\n"));
            f.awaitCommitted(0, 1);
            f.consumer.wakeupsOnPosition.set(3);
            f.consumer.schedulePollTask(() -> f.data(0, 1, "db", "", "a v=2 2\n"));

            f.awaitCommitted(0, 2);

            assertThat(f.writer().isRunning()).isTrue();
            assertThat(f.writtenLines()).containsExactly("a v=1 1", "a v=2 2");
        }
    }

    @Test
    void a_partition_is_paused_while_a_full_batch_waits_behind_its_write_in_flight() throws Exception {
        try (WriterFixture f = new WriterFixture(WriterFixture.settings(2, 1 << 20, Duration.ofMillis(50))).start(1)) {
            CountDownLatch answer = new CountDownLatch(1);
            f.influx.respond(r -> {
                await(answer);
                return FakeInflux.NO_CONTENT;
            });
            f.consumer.schedulePollTask(() -> {
                for (int i = 0; i < 6; i++) {
                    f.data(0, i, "db", "", "cpu v=" + i + " " + i + "\n");
                }
            });
            Eventually.until(WriterFixture.WAIT, () -> f.influx.writes().size() == 1, () -> "first write in flight");
            Eventually.until(WriterFixture.WAIT, () -> f.consumer.paused().contains(WriterFixture.tp(0)), () -> "partition paused");
            assertThat(f.influx.writes()).as("one write in flight per partition").hasSize(1);

            answer.countDown();

            f.awaitCommitted(0, 6);
            Eventually.until(WriterFixture.WAIT, () -> f.consumer.paused().isEmpty(), () -> "resumed");
            assertThat(f.influx.writes()).extracting(r -> r.lines().size()).containsExactly(2, 2, 2);
        }
    }

    @Test
    void an_unknown_backend_is_refused_naming_the_configured_ones() {
        BackendSettings a = new BackendSettings("a", URI.create("http://127.0.0.1:1"), false, Duration.ofSeconds(1), Duration.ofSeconds(1), "", Secret.NONE);
        BackendSettings b = new BackendSettings("b", URI.create("http://127.0.0.1:2"), false, Duration.ofSeconds(1), Duration.ofSeconds(1), "", Secret.NONE);
        var config = WriterFixture.config(List.of(a, b), WriterFixture.settings(10, 1000, Duration.ofSeconds(1)));

        assertThatThrownBy(() -> Writer.start(config, new io.influxha.core.KafkaCluster("127.0.0.1:9", config.kafka()), "c"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"c\"").hasMessageContaining("a, b");
    }

    @Test
    void the_consumer_reads_committed_data_from_the_earliest_offset_without_auto_commit_and_overrides_win() {
        BackendSettings a = new BackendSettings("a", URI.create("http://127.0.0.1:1"), false, Duration.ofSeconds(1), Duration.ofSeconds(1), "", Secret.NONE);
        var base = WriterFixture.config(List.of(a), WriterFixture.settings(10, 1000, Duration.ofSeconds(1)));
        var kafka = new io.influxha.core.config.KafkaSettings("", "p", 3, (short) 1, 1, java.util.Map.of("max.poll.records", "77"));
        var config = new io.influxha.core.config.InfluxHaConfig(base.dataDir(), kafka, base.gateway(), base.backends(), base.shards(), base.writer(), base.router());

        var props = Writer.consumerProperties(new io.influxha.core.KafkaCluster("127.0.0.1:9092", config.kafka()), "a");

        assertThat(props).containsEntry("group.id", "p-writer-a").containsEntry("enable.auto.commit", false)
                .containsEntry("auto.offset.reset", "earliest").containsEntry("isolation.level", "read_committed")
                .containsEntry("max.poll.records", "77");
        assertThat((Integer) props.get("max.partition.fetch.bytes")).isGreaterThan(8 * 1024 * 1024);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
