package io.influxha.writer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WriterBatchingTest {

    @Test
    void a_batch_is_flushed_when_it_reaches_batch_points() throws Exception {
        try (WriterFixture f = new WriterFixture(WriterFixture.settings(3, 1 << 20, Duration.ofHours(1))).start(1)) {
            f.consumer.schedulePollTask(() -> {
                for (int i = 0; i < 7; i++) {
                    f.data(0, i, "db", "", "cpu v=" + i + " " + i + "\n");
                }
            });

            f.awaitCommitted(0, 6);

            assertThat(f.influx.writes()).extracting(r -> r.lines().size()).containsExactly(3, 3);
            assertThat(f.writtenLines()).hasSize(6);
            assertThat(f.writer().pointsWritten()).isEqualTo(6);
            assertThat(f.committed(0)).as("the 7th point waits for its batch to fill or age").isEqualTo(6);
        }
    }

    @Test
    void a_batch_is_flushed_when_it_reaches_batch_bytes() throws Exception {
        String line = "cpu,host=a value=1 1000000000\n"; // 30 bytes
        try (WriterFixture f = new WriterFixture(WriterFixture.settings(1000, 2 * line.length(), Duration.ofHours(1))).start(1)) {
            f.consumer.schedulePollTask(() -> {
                for (int i = 0; i < 5; i++) {
                    f.data(0, i, "db", "", line);
                }
            });

            f.awaitCommitted(0, 4);

            assertThat(f.influx.writes()).extracting(r -> r.lines().size()).containsExactly(2, 2);
        }
    }

    @Test
    void a_batch_is_flushed_when_its_oldest_record_reaches_the_flush_interval() throws Exception {
        try (WriterFixture f = new WriterFixture(WriterFixture.settings(5000, 1 << 20, Duration.ofMillis(200))).start(1)) {
            long start = System.nanoTime();
            f.consumer.schedulePollTask(() -> {
                f.data(0, 0, "db", "", "cpu v=1 1\n");
                f.data(0, 1, "db", "", "cpu v=2 2\n");
            });

            f.awaitCommitted(0, 2);

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
            assertThat(f.influx.writes()).hasSize(1);
            assertThat(f.writtenLines()).containsExactly("cpu v=1 1", "cpu v=2 2");
        }
    }

    @Test
    void one_write_per_db_and_rp_run_in_record_order_and_noop_records_are_committed_without_a_write() throws Exception {
        try (WriterFixture f = new WriterFixture(WriterFixture.settings(5000, 1 << 20, Duration.ofMillis(100))).start(1)) {
            f.consumer.schedulePollTask(() -> {
                f.noop(0, 0);
                f.data(0, 1, "db1", "", "a v=1 1\n");
                f.data(0, 2, "db2", "weekly", "b v=1 1\n");
                f.data(0, 3, "db1", "", "a v=2 2\n");
                f.noop(0, 4);
            });

            f.awaitCommitted(0, 5);

            assertThat(f.influx.writes()).extracting(r -> r.params().get("db") + "/" + r.params().getOrDefault("rp", ""))
                    .containsExactly("db1/", "db2/weekly", "db1/");
            assertThat(f.writtenLines()).containsExactly("a v=1 1", "b v=1 1", "a v=2 2");
        }
    }

    @Test
    void a_partition_holding_only_noop_records_gets_its_offset_committed() throws Exception {
        try (WriterFixture f = new WriterFixture(WriterFixture.settings(5000, 1 << 20, Duration.ofMillis(50))).start(2)) {
            f.consumer.schedulePollTask(() -> f.noop(1, 0));
            f.awaitCommitted(1, 1);
            assertThat(f.influx.requests()).isEmpty();
        }
    }
}
