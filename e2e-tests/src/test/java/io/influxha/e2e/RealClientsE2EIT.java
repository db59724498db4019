package io.influxha.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.domain.WritePrecision;
import io.influxha.influxd.InfluxdProcess;
import io.influxha.testkit.Await;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.BatchPoints;
import org.influxdb.dto.Point;
import org.influxdb.dto.Query;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unmodified client libraries write through {@code influx-ha all} (the packaged jar) and their
 * points land, identical, in both real influxd replicas: influxdb-java over the 1.x API
 * ({@code CREATE DATABASE}, gzip, {@code /write}) and influxdb-client-java over the v2 write API
 * ({@code /api/v2/write}, bucket {@code db/rp}, {@code Token user:pass}).
 */
class RealClientsE2EIT {
    private static final Duration CONVERGE = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    @AutoClose
    private AllInOne all;
    private InfluxdProcess a;
    private InfluxdProcess b;
    private String url;

    @BeforeEach
    void start() throws IOException {
        all = AllInOne.start(dir, AllInOneConfig.of("clients", 2));
        a = all.a;
        b = all.b;
        url = all.gateway.toString();
    }

    @Test
    void points_of_influxdb_java_and_influxdb_client_java_reach_both_replicas() {
        try (InfluxDB v1 = InfluxDBFactory.connect(url, "writer", "secret")) {
            v1.enableGzip();
            v1.query(new Query("CREATE DATABASE \"clients\""));
            BatchPoints.Builder batch = BatchPoints.database("clients").consistency(InfluxDB.ConsistencyLevel.ALL);
            for (int i = 0; i < 100; i++) {
                batch.point(Point.measurement("v1").time(1_700_000_000_000L + i, TimeUnit.MILLISECONDS)
                        .tag("host", "h" + i % 3).addField("seq", (long) i).addField("value", i / 4.0).build());
            }
            v1.write(batch.build());
        }
        try (InfluxDBClient v2 = InfluxDBClientFactory.createV1(url, "writer", "secret".toCharArray(), "clients", "autogen")) {
            v2.getWriteApiBlocking().writeRecords(WritePrecision.MS, List.of(
                    "v2,host=x seq=1i 1700000000000", "v2,host=y seq=2i 1700000000001"));
        }

        Await.until(CONVERGE, () -> a.count("clients", "v1") == 100 && b.count("clients", "v1") == 100
                        && a.count("clients", "v2") == 2 && b.count("clients", "v2") == 2,
                () -> "100 v1 and 2 v2 points in both replicas; a=" + counts(a) + " b=" + counts(b) + "; log:\n" + all.influxHa.logTail());
        assertThat(b.dump("clients")).as("replica b equals replica a").isEqualTo(a.dump("clients"));
        assertThat(a.query("clients", "SELECT seq, value FROM v1 WHERE seq = 5"))
                .contains("[[1700000000005000000,5,1.25]]");
    }

    /**
     * Telegraf's influxdb output as it sends it (plugins/outputs/influxdb/http.go): CREATE DATABASE
     * as a form-encoded POST /query at start, then gzipped batches of 1000 lines to /write with its
     * User-Agent. Its points land identical in both replicas.
     */
    @Test
    void telegrafs_requests_create_the_database_and_their_batches_reach_both_replicas() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpResponse<String> created = http.send(java.net.http.HttpRequest.newBuilder(all.gateway.resolve("/query"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("User-Agent", "Telegraf/1.30.0")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("q=CREATE+DATABASE+%22telegraf%22")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(200);
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            lines.append("cpu,cpu=cpu").append(i % 4).append(",host=h").append(i % 5).append(" usage_idle=").append(90 + i % 10)
                    .append(".5,usage_user=").append(i % 7).append(".25 ").append(1_700_000_000_000_000_000L + i * 1_000_000L).append('\n');
        }
        java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(gz)) {
            out.write(lines.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        java.net.http.HttpResponse<String> written = http.send(java.net.http.HttpRequest.newBuilder(all.gateway.resolve("/write?db=telegraf"))
                .header("Content-Type", "text/plain; charset=utf-8").header("Content-Encoding", "gzip").header("User-Agent", "Telegraf/1.30.0")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(gz.toByteArray())).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(written.statusCode()).as(written.body()).isEqualTo(204);

        Await.until(CONVERGE, () -> a.count("telegraf", "cpu") == 1000 && b.count("telegraf", "cpu") == 1000,
                () -> "1000 Telegraf points in both replicas; log:\n" + all.influxHa.logTail());
        assertThat(b.dump("telegraf")).as("replica b equals replica a").isEqualTo(a.dump("telegraf"));
    }

    private static String counts(InfluxdProcess replica) {
        try {
            return replica.count("clients", "v1") + "/" + replica.count("clients", "v2");
        } catch (RuntimeException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
