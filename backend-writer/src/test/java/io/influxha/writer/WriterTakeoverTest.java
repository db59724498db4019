package io.influxha.writer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A partition assigned from a commit that is not a clean handover (its last owner may have been
 * killed with a request in flight) is written at once, so a takeover shows within the group's session timeout,
 * but provisionally: nothing is committed, no dead letter sent and no barrier reached until the
 * takeover window ends (late_write_bound less the session timeout less a heartbeat after the
 * assignment); then what was sent in it is written again from the assigned commit, after anything
 * the last owner left running can have landed. The fixture's group settings are the defaults
 * (session 6 s, heartbeat 2 s), so a bound of 9 s opens a window of 5 s.
 */
class WriterTakeoverTest {
    private static final Duration BOUND = Duration.ofSeconds(9);

    private static WriterFixture fixture() throws java.io.IOException {
        WriterFixture f = new WriterFixture(WriterFixture.settings(5000, 1 << 20, Duration.ofMillis(20), BOUND));
        f.consumer.redeliverOnSeek = true;
        return f;
    }

    @Test
    void a_partition_taken_over_is_written_at_once_commits_nothing_in_the_window_and_is_written_again_after_it() throws Exception {
        try (WriterFixture f = fixture().takenOverFromAKilledWriter().start(1)) {
            f.consumer.schedulePollTask(() -> {
                f.data(0, 0, "db", "", "cpu v=1 1\n");
                f.data(0, 1, "db", "", "cpu v=2 1\n"); // a newer value of the same point
            });
            Eventually.until(WriterFixture.WAIT, () -> f.writtenLines().contains("cpu v=2 1"), () -> "written in the window");
            assertThat(f.writer().windowsOpen()).as("written while the window is open").isEqualTo(1);
            assertThat(f.committed(0)).as("nothing committed in the window: the commit stays where the killed writer left it").isZero();

            f.awaitCommitted(0, 2);

            assertThat(f.writtenLines()).as("the same records, in the same order, once more after the window")
                    .containsExactly("cpu v=1 1", "cpu v=2 1", "cpu v=1 1", "cpu v=2 1");
            assertThat(f.writer().takeoversWrittenAgain()).isEqualTo(1);
        }
    }

    @Test
    void a_partition_never_committed_opens_no_window() throws Exception {
        assertWrittenAndCommittedWithoutWindow(longWindowFixture());
    }

    @Test
    void a_partition_handed_over_clean_opens_no_window() throws Exception {
        assertWrittenAndCommittedWithoutWindow(longWindowFixture().handedOverClean());
    }

    /** With a window of 36 s (the default bound), longer than the fixture waits: only a partition without one commits in time. */
    private static void assertWrittenAndCommittedWithoutWindow(WriterFixture unstarted) throws Exception {
        try (WriterFixture f = unstarted.start(1)) {
            f.consumer.schedulePollTask(() -> f.data(0, 0, "db", "", "cpu v=1 1\n"));

            f.awaitCommitted(0, 1);

            assertThat(f.writer().windowsOpen()).isZero();
            assertThat(f.writtenLines()).containsExactly("cpu v=1 1");
        }
    }

    private static WriterFixture longWindowFixture() throws java.io.IOException {
        WriterFixture f = new WriterFixture(WriterFixture.settings(5000, 1 << 20, Duration.ofMillis(20), Duration.ofSeconds(40)));
        f.consumer.redeliverOnSeek = true;
        return f;
    }

    @Test
    void a_window_with_nothing_sent_ends_without_writing_anything_again() throws Exception {
        try (WriterFixture f = fixture().takenOverFromAKilledWriter().start(1)) {
            Eventually.until(WriterFixture.WAIT, () -> f.writer().windowsOpen() == 1, () -> "the window open");
            Eventually.until(WriterFixture.WAIT, () -> f.writer().windowsOpen() == 0, () -> "the window ended");
            f.consumer.schedulePollTask(() -> f.data(0, 0, "db", "", "cpu v=1 1\n"));

            f.awaitCommitted(0, 1);

            assertThat(f.writtenLines()).containsExactly("cpu v=1 1");
            assertThat(f.writer().takeoversWrittenAgain()).isZero();
        }
    }

    @Test
    void a_barrier_met_in_the_window_is_reached_only_after_the_window_and_the_points_before_it_are_written_again_first() throws Exception {
        TestSchema schema = new TestSchema();
        try (WriterFixture f = fixture().takenOverFromAKilledWriter().start(1, schema)) {
            f.influx.respond(r -> r.path().equals("/write") ? FakeInflux.NO_CONTENT : FakeInflux.QUERY_OK);
            f.consumer.schedulePollTask(() -> {
                f.data(0, 0, "db", "", "cpu v=1 1\n");
                f.ddlCopy(0, 1, "db", "DROP MEASUREMENT \"cpu\"", "d1", 1);
                f.data(0, 2, "db", "", "cpu v=3 3\n"); // after the DROP
            });

            f.awaitCommitted(0, 3);

            assertThat(f.requestLog()).as("the DROP after the window, after the points before it were written again")
                    .containsSubsequence("write cpu v=1 1", "write cpu v=1 1", "query DROP MEASUREMENT \"cpu\"", "write cpu v=3 3");
            assertThat(f.requestLog()).filteredOn(l -> l.startsWith("query DROP")).hasSize(1);
            assertThat(f.requestLog().subList(f.requestLog().indexOf("query DROP MEASUREMENT \"cpu\""), f.requestLog().size()))
                    .containsExactly("query DROP MEASUREMENT \"cpu\"", "write cpu v=3 3");
        }
    }

    @Test
    void a_dead_letter_in_the_window_is_sent_once_after_it() throws Exception {
        try (WriterFixture f = fixture().takenOverFromAKilledWriter().start(1)) {
            f.consumer.schedulePollTask(() -> {
                f.data(0, 0, "db", "", "cpu v=1 1\n");
                f.data(0, 1, "", "", "cpu v=2 2\n"); // no database: dead-lettered
                f.data(0, 2, "db", "", "cpu v=3 3\n");
            });

            f.awaitCommitted(0, 3);

            assertThat(f.deadLetters()).hasSize(1);
            assertThat(f.writtenLines()).as("the point before the dead letter written in the window and again; the one after it once")
                    .containsExactly("cpu v=1 1", "cpu v=1 1", "cpu v=3 3");
        }
    }

    /**
     * A clean handover's mark, or no commit at all, must not outlive the new owner's first request:
     * killed during it, that owner would leave its successor nothing that opens a window. The
     * partition is committed at its start, without metadata, before anything is sent.
     */
    @Test
    void a_partition_taken_without_a_window_is_committed_at_its_start_without_the_mark_before_its_first_request() throws Exception {
        try (WriterFixture f = fixture().handedOverClean().start(1)) {
            Eventually.until(WriterFixture.WAIT, () -> "".equals(f.consumer.commitMetadata.get(WriterFixture.tp(0))),
                    () -> "the clean mark replaced, metadata " + f.consumer.commitMetadata);
            assertThat(f.committed(0)).isZero();
            assertThat(f.influx.requests()).as("before any request").isEmpty();
        }
        try (WriterFixture f = fixture().start(1)) {
            Eventually.until(WriterFixture.WAIT, () -> f.committed(0) == 0, () -> "a never-committed partition committed at its beginning");
            assertThat(f.consumer.commitMetadata.get(WriterFixture.tp(0))).isEmpty();
            assertThat(f.influx.requests()).as("before any request").isEmpty();
        }
    }

    /**
     * Given up in a rebalance during its window with a write in flight, the partition commits that
     * write's fence at the commit the window started from (nothing in the window was committed),
     * so the next owner waits it out instead of counting a fresh window from its own assignment.
     */
    @Test
    void a_partition_given_up_in_its_window_with_a_write_in_flight_commits_the_fence_at_the_windows_start() throws Exception {
        try (WriterFixture f = fixture().takenOverFromAKilledWriter().start(1)) {
            java.util.concurrent.CountDownLatch answer = new java.util.concurrent.CountDownLatch(1);
            f.influx.respond(r -> {
                try {
                    answer.await(30, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return FakeInflux.NO_CONTENT;
            });
            f.consumer.schedulePollTask(() -> f.data(0, 0, "db", "", "cpu v=1 1\n"));
            Eventually.until(WriterFixture.WAIT, () -> f.influx.writes().size() == 1, () -> "the window's write in flight");

            f.consumer.schedulePollTask(() -> f.consumer.rebalance(List.of()));
            Eventually.until(WriterFixture.WAIT, () -> f.consumer.assignment().isEmpty(), () -> "partition 0 revoked");
            answer.countDown();

            assertThat(f.committed(0)).as("the window's start").isZero();
            assertThat(f.consumer.commitMetadata.get(WriterFixture.tp(0))).startsWith(LateFence.METADATA_PREFIX);
        }
    }

    @Test
    void a_partition_given_up_with_nothing_in_flight_is_committed_as_a_clean_handover() throws Exception {
        try (WriterFixture f = fixture().handedOverClean().start(2)) {
            f.consumer.schedulePollTask(() -> f.data(0, 0, "db", "", "cpu v=1 1\n"));
            f.awaitCommitted(0, 1);

            f.consumer.schedulePollTask(() -> f.consumer.rebalance(List.of(WriterFixture.tp(1))));
            Eventually.until(WriterFixture.WAIT, () -> Handover.CLEAN.equals(f.consumer.commitMetadata.get(WriterFixture.tp(0))),
                    () -> "partition 0 handed over clean, metadata " + f.consumer.commitMetadata);

            assertThat(f.committed(0)).isEqualTo(1);
        }
    }
}
