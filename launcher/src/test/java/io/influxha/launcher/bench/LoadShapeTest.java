package io.influxha.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxha.core.lp.LineProtocolParser;
import io.influxha.core.lp.ParseReport;
import io.influxha.core.lp.Precision;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LoadShapeTest {

    @Test
    void points_cycle_through_series_and_advance_time_once_per_cycle() {
        LoadShape shape = new LoadShape(3, 2, 2, 2, 1000);
        LoadShape.Body body = new LoadShape.Body(16);
        shape.body(2, 3, body);
        assertThat(body.toString(StandardCharsets.US_ASCII)).isEqualTo("""
                m0,t0=s2,t1=v0 f0=0.5,f1=1.5 1000
                m0,t0=s0,t1=v0 f0=0.5,f1=1.5 1001
                m1,t0=s1,t1=v1 f0=0.5,f1=1.5 1001
                """);
    }

    @Test
    void bodies_are_valid_line_protocol_with_distinct_series_time_pairs() {
        LoadShape shape = new LoadShape(100, 4, 3, 7, 1_700_000_000_000_000_000L);
        LoadShape.Body body = new LoadShape.Body(16);
        shape.body(950, 1000, body);
        Set<String> pairs = new HashSet<>();
        ParseReport report = new LineProtocolParser().parse(body.bytes(), 0, body.size(), Precision.NANOSECONDS, 0L,
                (buf, start, m, series, fields, ts) -> pairs.add(new String(buf, start, series - start, StandardCharsets.US_ASCII) + "@" + ts));
        assertThat(report.ok()).isTrue();
        assertThat(report.points()).isEqualTo(1000);
        assertThat(pairs).hasSize(1000);
    }

    @Test
    void gzipped_body_inflates_to_the_same_bytes() throws Exception {
        LoadShape.Body body = new LoadShape.Body(16);
        new LoadShape(10, 1, 1, 1, 5).body(0, 50, body);
        byte[] zipped = body.gzipped().toByteArray();
        byte[] inflated = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(zipped)).readAllBytes();
        assertThat(inflated).isEqualTo(body.toByteArray());
    }
}
