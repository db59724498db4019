package io.influxha.writer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WriterRetryTest {
    private static final Duration FLUSH = Duration.ofMillis(50);

    @Test
    void commits_only_after_the_backend_accepted_the_batch() throws Exception {
        try (WriterFixture f = new WriterFixture(WriterFixture.settings(2, 1 << 20, FLUSH)).start(1)) {
            CountDownLatch accept = new CountDownLatch(1);
            f.influx.respond(r -> {
                await(accept);
                return FakeInflux.NO_CONTENT;
            });
            f.consumer.schedulePollTask(() -> {
                f.data(0, 0, "db", "", "cpu v=1 1\n");
                f.data(0, 1, "db", "", "cpu v=2 2\n");
            });
            Eventually.until(WriterFixture.WAIT, () -> f.influx.writes().size() == 1, () -> "a write in flight");

            assertThat(f.committed(0)).as("nothing committed past the start while the write is in flight").isLessThanOrEqualTo(0);
            accept.countDown();
            f.awaitCommitted(0, 2);
            assertThat(f.committed(0)).isEqualTo(2);
        }
    }

    @Test
    void a_500_is_retried_with_the_same_data_and_nothing_is_committed_until_it_succeeds() throws Exception {
        try (WriterFixture f = new WriterFixture(WriterFixture.settings(5000, 1 << 20, FLUSH)).start(1)) {
            CountDownLatch healthy = new CountDownLatch(1);
            f.influx.respond(r -> healthy.getCount() > 0 ? FakeInflux.Response.error(500, "timeout") : FakeInflux.NO_CONTENT);
            f.consumer.schedulePollTask(() -> f.data(0, 0, "db", "", "cpu v=1 1\ncpu v=2 2\n"));

            Eventually.until(WriterFixture.WAIT, () -> f.influx.writes().size() >= 3, () -> "three failed attempts");
            assertThat(f.committed(0)).as("nothing committed past the start").isLessThanOrEqualTo(0);
            Eventually.until(WriterFixture.WAIT, () -> f.consumer.paused().contains(WriterFixture.tp(0)), () -> "retrying partition paused");
            healthy.countDown();

            f.awaitCommitted(0, 1);
            assertThat(f.influx.writes()).extracting(FakeInflux.Request::body).containsOnly("cpu v=1 1\ncpu v=2 2\n");
            assertThat(f.writer().pointsWritten()).isEqualTo(2);
            Eventually.until(WriterFixture.WAIT, () -> f.consumer.paused().isEmpty(), () -> "resumed after success");
            var writes = f.influx.writes();
            for (int i = 1; i < writes.size(); i++) {
                assertThat(writes.get(i).atNanos() - writes.get(i - 1).atNanos())
                        .as("retry %d waited at least half the initial backoff", i).isGreaterThanOrEqualTo(Duration.ofMillis(10).toNanos());
            }
        }
    }

    @Test
    void a_refused_connection_is_retried_until_the_backend_comes_back() throws Exception {
        try (WriterFixture f = new WriterFixture(WriterFixture.settings(5000, 1 << 20, FLUSH))) {
            int port = f.influx.url().getPort();
            f.influx.close();
            f.start(1);
            f.consumer.schedulePollTask(() -> f.data(0, 0, "db", "", "cpu v=1 1\n"));
            Eventually.until(WriterFixture.WAIT, () -> f.consumer.paused().contains(WriterFixture.tp(0)), () -> "partition paused while refused");
            assertThat(f.committed(0)).as("nothing committed past the start").isLessThanOrEqualTo(0);

            try (FakeInflux back = new FakeInflux(port)) {
                Eventually.until(WriterFixture.WAIT, () -> f.committed(0) == 1, () -> "committed once the backend is back");
                assertThat(back.writes()).extracting(FakeInflux.Request::body).containsExactly("cpu v=1 1\n");
            }
        }
    }

    @Test
    void a_retrying_partition_is_paused_while_the_other_partitions_keep_flowing() throws Exception {
        try (WriterFixture f = new WriterFixture(WriterFixture.settings(5000, 1 << 20, FLUSH)).start(2)) {
            CountDownLatch healthy = new CountDownLatch(1);
            f.influx.respond(r -> r.params().get("db").equals("slow") && healthy.getCount() > 0
                    ? FakeInflux.Response.error(503, "overloaded") : FakeInflux.NO_CONTENT);
            f.consumer.schedulePollTask(() -> {
                f.data(0, 0, "slow", "", "a v=1 1\n");
                f.data(1, 0, "fast", "", "b v=1 1\n");
            });
            f.awaitCommitted(1, 1);
            f.consumer.schedulePollTask(() -> f.data(1, 1, "fast", "", "b v=2 2\n"));
            f.awaitCommitted(1, 2);

            assertThat(f.committed(0)).as("nothing committed past the start").isLessThanOrEqualTo(0);
            assertThat(f.consumer.paused()).containsExactly(WriterFixture.tp(0));
            healthy.countDown();
            f.awaitCommitted(0, 1);
        }
    }

    @Test
    void a_missing_database_is_created_and_the_same_write_sent_again() throws Exception {
        try (WriterFixture f = new WriterFixture(WriterFixture.settings(5000, 1 << 20, FLUSH)).start(1)) {
            Set<String> databases = ConcurrentHashMap.newKeySet();
            f.influx.respond(r -> {
                if (r.path().equals("/query")) {
                    databases.add(r.params().get("q"));
                    return FakeInflux.QUERY_OK;
                }
                return databases.contains("CREATE DATABASE \"metrics\"") ? FakeInflux.NO_CONTENT
                        : FakeInflux.Response.error(404, "database not found: \"metrics\"");
            });
            f.consumer.schedulePollTask(() -> f.data(0, 0, "metrics", "", "cpu v=1 1\n"));

            f.awaitCommitted(0, 1);

            assertThat(f.influx.requests()).extracting(r -> r.path() + " " + r.params().getOrDefault("q", r.body().strip()))
                    .containsExactly("/write cpu v=1 1", "/query CREATE DATABASE \"metrics\"", "/write cpu v=1 1");
        }
    }

    @Test
    void a_missing_retention_policy_the_catalog_cannot_tell_about_yet_or_bad_credentials_are_retried_slowly_and_never_dead_lettered() throws Exception {
        try (WriterFixture f = new WriterFixture(WriterFixture.settings(5000, 1 << 20, FLUSH), false, "writer").start(2)) {
            AtomicInteger failures = new AtomicInteger();
            f.influx.respond(r -> {
                if (failures.get() >= 6) {
                    return FakeInflux.NO_CONTENT;
                }
                failures.incrementAndGet();
                return r.params().get("db").equals("auth") ? FakeInflux.Response.error(401, "authorization failed")
                        : FakeInflux.Response.error(500, "retention policy not found: weekly");
            });
            f.consumer.schedulePollTask(() -> {
                f.data(0, 0, "db", "weekly", "cpu v=1 1\n");
                f.data(1, 0, "auth", "", "cpu v=1 1\n");
            });

            f.awaitCommitted(0, 1);
            f.awaitCommitted(1, 1);

            assertThat(f.deadLetters()).isEmpty();
            assertThat(f.influx.writes().get(0).header("Authorization")).startsWith("Basic ");
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
