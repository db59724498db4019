package io.influxha.writer;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxha.core.RecordHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WriterDdlTest {
    private static final String CREATE_RP = "CREATE RETENTION POLICY \"weekly\" ON \"db\" DURATION 7d REPLICATION 1";

    @Test
    void data_before_a_ddl_record_is_written_first_and_data_after_it_waits_until_it_was_applied() throws Exception {
        try (WriterFixture f = new WriterFixture(WriterFixture.settings(5000, 1 << 20, Duration.ofMillis(50))).start(1)) {
            CountDownLatch applied = new CountDownLatch(1);
            f.influx.respond(r -> {
                if (r.path().equals("/query")) {
                    await(applied);
                    return FakeInflux.QUERY_OK;
                }
                return FakeInflux.NO_CONTENT;
            });
            f.consumer.schedulePollTask(() -> {
                f.data(0, 0, "db", "", "a v=1 1\n");
                f.data(0, 1, "db", "", "a v=2 2\n");
                f.ddl(0, 2, "db", CREATE_RP);
                f.data(0, 3, "db", "weekly", "a v=3 3\n");
            });
            Eventually.until(WriterFixture.WAIT, () -> f.influx.queries().size() == 1, () -> "the DDL sent");
            f.awaitCommitted(0, 2);

            assertThat(f.committed(0)).as("the DDL is not committed before it was applied").isEqualTo(2);
            assertThat(f.writtenLines()).containsExactly("a v=1 1", "a v=2 2");
            applied.countDown();
            f.awaitCommitted(0, 4);

            assertThat(f.influx.requests()).extracting(r -> r.path() + " " + r.params().getOrDefault("q", r.body().strip()))
                    .containsExactly("/write a v=1 1\na v=2 2", "/query " + CREATE_RP, "/write a v=3 3");
        }
    }

    @Test
    void copies_of_one_ddl_statement_in_several_partitions_are_applied_once_and_every_partition_moves_on() throws Exception {
        try (WriterFixture f = new WriterFixture(WriterFixture.settings(5000, 1 << 20, Duration.ofMillis(50))).start(3)) {
            f.influx.respond(r -> r.path().equals("/query") ? FakeInflux.QUERY_OK : FakeInflux.NO_CONTENT);
            f.consumer.schedulePollTask(() -> f.ddl(0, 0, "db", CREATE_RP, "id-1"));
            f.awaitCommitted(0, 1);
            f.consumer.schedulePollTask(() -> {
                f.ddl(1, 0, "db", CREATE_RP, "id-1");
                f.ddl(2, 0, "db", CREATE_RP, "id-1");
                f.data(2, 1, "db", "weekly", "a v=1 1\n");
            });

            f.awaitCommitted(1, 1);
            f.awaitCommitted(2, 2);

            assertThat(f.influx.queries()).as("one statement applied once").hasSize(1);
            assertThat(f.writtenLines()).containsExactly("a v=1 1");
        }
    }

    @Test
    void a_ddl_statement_is_retried_on_transient_errors() throws Exception {
        try (WriterFixture f = new WriterFixture(WriterFixture.settings(5000, 1 << 20, Duration.ofMillis(50))).start(1)) {
            AtomicInteger queries = new AtomicInteger();
            f.influx.respond(r -> queries.incrementAndGet() <= 2 ? FakeInflux.Response.error(503, "busy") : FakeInflux.QUERY_OK);
            f.consumer.schedulePollTask(() -> f.ddl(0, 0, "db", "CREATE DATABASE \"db\""));

            f.awaitCommitted(0, 1);

            assertThat(f.influx.queries()).hasSize(3).extracting(r -> r.params().get("q")).containsOnly("CREATE DATABASE \"db\"");
            assertThat(f.deadLetters()).isEmpty();
        }
    }

    @Test
    void a_ddl_statement_the_backend_refuses_for_good_goes_to_the_dlq_and_the_partition_moves_on() throws Exception {
        try (WriterFixture f = new WriterFixture(WriterFixture.settings(5000, 1 << 20, Duration.ofMillis(50))).start(1)) {
            f.influx.respond(r -> r.path().equals("/query")
                    ? FakeInflux.Response.of(200, "{\"results\":[{\"statement_id\":0,\"error\":\"retention policy conflicts with an existing policy\"}]}")
                    : FakeInflux.NO_CONTENT);
            f.consumer.schedulePollTask(() -> {
                f.ddl(0, 0, "db", CREATE_RP);
                f.data(0, 1, "db", "", "a v=1 1\n");
            });

            f.awaitCommitted(0, 2);

            assertThat(f.deadLetters()).hasSize(1);
            assertThat(new String(f.deadLetters().get(0).value(), StandardCharsets.UTF_8)).isEqualTo(CREATE_RP);
            assertThat(RecordHeaders.get(f.deadLetters().get(0).headers(), RecordHeaders.DLQ_REASON)).contains("conflicts");
            assertThat(f.writtenLines()).containsExactly("a v=1 1");
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
