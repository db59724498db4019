package io.influxha.influxd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The 240 requests the reference applier sent to its influxd in soak seed 13 (session 7), in
 * order, one at a time: databases dropped and made again, policies, writes, DELETE, DROP SERIES and
 * {@code DROP MEASUREMENT m2} twice, then more writes, m2 among them. Three points of {@code d0.r2.m2}
 * written before the drops must stay dropped. With influxd 1.6.7's {@code inmem} index they came
 * back in 15 of 20 runs of this same sequence (and the replicas of that soak disagreed); with
 * {@code tsi1}, in none of 20 (docs/ddl-through-the-log.md, "The backends' index"). Every server
 * the tests start uses {@code tsi1}; five runs make a return of the inmem behaviour fail this test
 * with a probability of about 1 - 0.25^5.
 */
class DroppedPointsStayDroppedIT {
    private static final int RUNS = 5;
    private static final String SURVIVORS = "SELECT count(n) FROM d0.r2.m2 WHERE op = 139 OR op = 168";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    @Test
    void points_dropped_by_drop_measurement_stay_dropped_when_the_measurement_is_written_again() throws Exception {
        List<JsonNode> requests = requests();
        assertThat(requests).hasSize(240);
        List<String> after = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            try (InfluxdProcess influxd = InfluxdProcess.start(dir.resolve("run-" + run))) {
                for (JsonNode r : requests) {
                    JsonNode body = r.get("body");
                    HttpRequest.Builder b = HttpRequest.newBuilder(influxd.url().resolve(r.get("path").asText())).timeout(Duration.ofSeconds(10));
                    b.POST(body.isNull() ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body.asText(), StandardCharsets.UTF_8));
                    HTTP.send(b.build(), HttpResponse.BodyHandlers.discarding());
                }
                after.add("run " + run + ": " + influxd.query("d0", SURVIVORS));
            }
        }
        assertThat(after).allSatisfy(result -> assertThat(result).doesNotContain("\"series\""));
    }

    private static List<JsonNode> requests() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> out = new ArrayList<>();
        try (InputStream in = DroppedPointsStayDroppedIT.class.getResourceAsStream("/ddl-soak-seed13-requests.jsonl");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    out.add(json.readTree(line));
                }
            }
        }
        return out;
    }
}
