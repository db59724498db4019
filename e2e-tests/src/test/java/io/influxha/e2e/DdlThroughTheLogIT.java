package io.influxha.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxha.influxd.InfluxdProcess;
import io.influxha.testkit.Await;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DDL through the log on real parts (docs/ddl-through-the-log.md): a replica that is down while
 * CREATE, writes, DROP MEASUREMENT, DELETE and more writes arrive ends, once it is back, with
 * exactly what the replica that stayed up holds, and each statement took effect between the same
 * points on both. Writes to a database the catalog does not have answer 404 as in InfluxDB.
 */
class DdlThroughTheLogIT {
    private static final Duration CONVERGE = Duration.ofSeconds(120);
    private static final String DB = "ddl";

    @TempDir
    Path dir;

    @AutoClose
    private AllInOne all;
    private GatewayClient client;

    @BeforeEach
    void start() throws IOException {
        all = AllInOne.start(dir, AllInOneConfig.of("ddl", 3).shard("hot", "[\"m1\"]").retryMaxBackoff("1s"));
        client = new GatewayClient(all.gateway);
    }

    @Test
    void a_replica_down_while_ddl_and_writes_arrive_ends_with_what_the_other_holds_and_each_statement_cut_the_data_at_one_point()
            throws Exception {
        long t0 = TimeUnit.MILLISECONDS.toSeconds(System.currentTimeMillis()) - 3600;
        HttpResponse<String> unknown = client.post("/write?db=" + DB + "&precision=s", "m1,host=a v=1i " + t0 + "\n");
        assertThat(unknown.statusCode()).as("write before CREATE DATABASE").isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("{\"error\":\"database not found: \\\"" + DB + "\\\"\"}\n");

        client.query("CREATE DATABASE " + DB);
        write("m1", t0, 0, 10);
        write("m2", t0, 0, 10);
        all.b.stop();
        write("m1", t0, 10, 20);
        write("m2", t0, 10, 20);
        statement("DROP MEASUREMENT m1");
        write("m1", t0, 20, 30); // after the DROP: survives
        statement("DELETE FROM m2 WHERE time < " + (t0 + 15) + "s");
        write("m2", t0, 0, 5); // after the DELETE, with old timestamps: survives
        client.query("CREATE RETENTION POLICY \"short\" ON " + DB + " DURATION 2h REPLICATION 1");
        Await.until(CONVERGE, () -> all.a.count(DB, "m1") == 10 && all.a.count(DB, "m2") == 10,
                () -> "replica a to apply everything while b is down: m1=" + all.a.count(DB, "m1") + " m2=" + all.a.count(DB, "m2")
                        + "; log:\n" + all.influxHa.logTail());
        all.b.start();

        Await.until(CONVERGE, () -> dump(all.b).equals(dump(all.a)),
                () -> "replica b to hold what a holds: a=" + dump(all.a) + "\nb=" + dump(all.b) + "; log:\n" + all.influxHa.logTail());
        List<String> held = dump(all.a);
        assertThat(held.stream().filter(l -> l.startsWith("m1")).count()).as("m1: only the points written after the DROP").isEqualTo(10);
        assertThat(all.a.query(DB, "SELECT count(v) FROM m1 WHERE time < " + (t0 + 20) + "s")).doesNotContain("\"values\"");
        assertThat(all.a.query(DB, "SELECT count(v) FROM m2 WHERE time >= " + (t0 + 5) + "s AND time < " + (t0 + 15) + "s"))
                .as("m2 points before the DELETE's time bound, written before it, are gone").doesNotContain("\"values\"");
        assertThat(held.stream().filter(l -> l.startsWith("m2")).count()).as("m2: 5 rewritten + 5 past the bound").isEqualTo(10);
        // CREATE RETENTION POLICY came after the last writes: b may hold all the data a moment before it.
        Await.until(CONVERGE, () -> all.b.query(DB, "SHOW RETENTION POLICIES").contains("\"short\""),
                () -> "replica b to create the policy sent while it was down");

        statement("DROP DATABASE " + DB);
        HttpResponse<String> dropped = client.post("/write?db=" + DB + "&precision=s", "m1,host=a v=1i " + t0 + "\n");
        assertThat(dropped.statusCode()).as("write after DROP DATABASE").isEqualTo(404);
        Await.until(CONVERGE, () -> !all.a.query("", "SHOW DATABASES").contains("\"" + DB + "\"")
                && !all.b.query("", "SHOW DATABASES").contains("\"" + DB + "\""), () -> "both replicas to drop " + DB);
    }

    private static List<String> dump(InfluxdProcess influxd) {
        try {
            return influxd.dump(DB);
        } catch (IllegalStateException e) {
            return List.of("unreadable: " + e.getMessage());
        }
    }

    private void write(String measurement, long t0, int from, int to) {
        StringBuilder body = new StringBuilder();
        for (int i = from; i < to; i++) {
            body.append(measurement).append(",host=h").append(i % 3).append(" v=").append(i).append("i ").append(t0 + i).append('\n');
        }
        client.writeAcknowledged(DB, "s", body.toString(), Duration.ofSeconds(60));
    }

    private void statement(String q) throws IOException, InterruptedException {
        HttpResponse<String> response = client.post("/query?db=" + DB + "&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8), "");
        assertThat(response.statusCode()).as(q).isEqualTo(200);
        assertThat(response.body()).as(q).doesNotContain("\"error\"");
    }
}
