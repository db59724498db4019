package io.influxha.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxha.testkit.Await;
import io.influxha.influxd.InfluxdProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole write path on real parts: {@code influx-ha all} from the packaged jar with its embedded
 * broker, two real influxd replicas, a client writing through the gateway while one replica is
 * stopped and restarted. Every acknowledged point must end in both replicas, once, with the same
 * timestamps.
 */
class WritePathIT {
    private static final Duration CONVERGE = Duration.ofSeconds(120);
    private static final String DB = "e2e";

    @TempDir
    Path dir;

    @AutoClose
    private AllInOne all;
    private InfluxdProcess a;
    private InfluxdProcess b;
    private InfluxHaProcess influxHa;
    private GatewayClient client;

    @BeforeEach
    void start() throws IOException {
        all = AllInOne.start(dir, AllInOneConfig.of("e2e", 3).backendB("gzip: true")
                .shard("hot", "[\"cpu\", \"/^disk.*/\"]").retryMaxBackoff("1s"));
        a = all.a;
        b = all.b;
        influxHa = all.influxHa;
        client = new GatewayClient(all.gateway);
    }

    @Test
    void every_acknowledged_point_reaches_both_replicas_across_a_replica_restart() throws Exception {
        SentPoints sent = new SentPoints();
        long base = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis()) - TimeUnit.HOURS.toNanos(2);
        client.query("CREATE DATABASE " + DB);

        writeBatches(sent, 12, base);
        b.stop();
        writeBatches(sent, 12, base);
        client.query("CREATE DATABASE \"while_b_down\"");
        client.writeAcknowledged("while_b_down", "s", "cpu,host=x value=1,seq=0i " + base / 1_000_000_000L + "\n", Duration.ofSeconds(30));
        Await.until(CONVERGE, () -> ReplicaContent.read(a, DB).size() == sent.acknowledged().size(),
                () -> "replica a to hold all " + sent.acknowledged().size() + " points while b is down; a="
                        + ReplicaContent.read(a, DB).size() + "; influx-ha log:\n" + influxHa.logTail());
        b.start();
        writeBatches(sent, 6, base);

        int expected = sent.acknowledged().size();
        Await.until(CONVERGE, () -> ReplicaContent.read(a, DB).size() == expected && ReplicaContent.read(b, DB).size() == expected,
                () -> "both replicas to hold " + expected + " points; a=" + ReplicaContent.read(a, DB).size()
                        + " b=" + ReplicaContent.read(b, DB).size() + "; influx-ha log:\n" + influxHa.logTail());

        Map<Long, ReplicaContent.Stored> inA = ReplicaContent.read(a, DB);
        Map<Long, ReplicaContent.Stored> inB = ReplicaContent.read(b, DB);
        assertThat(inB).as("replica b equals replica a, point for point").isEqualTo(inA);
        for (SentPoints.Sent s : sent.acknowledged()) {
            ReplicaContent.Stored stored = inA.get(s.seq());
            assertThat(stored).as("acknowledged point seq=%d", s.seq()).isNotNull();
            assertThat(stored.row()).isEqualTo(s.row());
            if (s.timeNs() >= 0) {
                assertThat(stored.timeNs()).as("timestamp of seq=%d", s.seq()).isEqualTo(s.timeNs());
            } else {
                assertThat(stored.timeNs() % s.unitNs()).as("stamped time of seq=%d is truncated to its precision", s.seq()).isZero();
                assertThat(stored.timeNs()).isBetween(s.sentAfterNs() - s.unitNs(), s.sentBeforeNs());
            }
        }
        assertThat(b.query("while_b_down", "SELECT count(value) FROM cpu")).contains("[[0,1]]");
        String scrape = client.get("/metrics").body();
        assertThat(scrape).contains("influxha_gateway_requests_seconds_count{endpoint=\"/write\",method=\"POST\",status=\"204\"}",
                "influxha_writer_write_seconds_count{backend=\"a\",outcome=\"SUCCESS\"}", "influxha_writer_batch_points_count{backend=\"b\"}",
                "jvm_memory_used_bytes", "kafka_producer_", "kafka_consumer_", "kafka_stream_");
        assertThat(MetricsCheck.problems(scrape, Path.of("..", "docs", "metrics.md")))
                .as("every metric has HELP text and every influxha_ one is in docs/metrics.md").isEmpty();
        // on SIGTERM the JVM exits 143 whatever call() returns: a stop taken for a failure shows only in the log
        assertThat(influxHa.stop(Duration.ofSeconds(60))).as("exit code after SIGTERM").isIn(0, 143);
        assertThat(influxHa.logLines("event=role_failed")).as("role failures logged on a clean SIGTERM").isEmpty();
        // the writers' last lines are in the log, so a role_failed line would be too
        assertThat(influxHa.logLines("event=writer_stopped")).as("both writers' stops logged").hasSize(2);
    }

    private void writeBatches(SentPoints sent, int batches, long base) {
        String[] precisions = {"ns", "u", "ms", "s", "n"};
        for (int i = 0; i < batches; i++) {
            String precision = precisions[i % precisions.length];
            boolean explicit = i % 4 != 3;
            SentPoints.Batch batch = sent.batch(50, explicit ? precision : (i % 8 == 3 ? "s" : "ms"), explicit, base);
            long before = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
            client.writeAcknowledged(DB, batch.precision, batch.body, Duration.ofSeconds(60));
            batch.acknowledged(before, TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis()) + TimeUnit.MILLISECONDS.toNanos(1));
        }
    }
}
