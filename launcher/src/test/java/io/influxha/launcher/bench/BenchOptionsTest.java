package io.influxha.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void no_options_give_inch_like_defaults() {
        BenchOptions o = BenchOptions.parse(new String[0]);
        assertThat(o.url()).isEqualTo(URI.create("http://127.0.0.1:8086"));
        assertThat(o.db()).isEqualTo("bench");
        assertThat(o.series()).isEqualTo(1000);
        assertThat(o.batch()).isEqualTo(5000);
        assertThat(o.concurrency()).isEqualTo(4);
        assertThat(o.precision()).isEqualTo("n");
        assertThat(o.duration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(o.points()).isZero();
        assertThat(o.gzip()).isFalse();
        assertThat(o.createDb()).isTrue();
        assertThat(o.verify()).isEmpty();
    }

    @Test
    void every_option_is_read() {
        BenchOptions o = BenchOptions.parse(("--url http://127.0.0.1:18086/ --db x --series 50 --tags 2 --fields 3 "
                + "--measurements 10 --batch 100 --concurrency 8 --precision ms --gzip --duration 0s --points 1000 "
                + "--rate 20000 --verify http://127.0.0.1:1,http://127.0.0.1:2 --verify-timeout 5s --progress 500ms "
                + "--no-create-db --visibility-probes 20").split(" "));
        assertThat(o).isEqualTo(new BenchOptions(URI.create("http://127.0.0.1:18086"), "x", 50, 2, 3, 10, 100, 8, "ms", true,
                Duration.ZERO, 1000, 20000, List.of(URI.create("http://127.0.0.1:1"), URI.create("http://127.0.0.1:2")),
                Duration.ofSeconds(5), Duration.ofMillis(500), false, 20));
    }

    @Test
    void ns_is_sent_as_influxdb_writes_it() {
        assertThat(BenchOptions.parse(new String[] {"--precision", "ns"}).precision()).isEqualTo("n");
    }

    @Test
    void errors_name_the_option_and_the_value() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--batch", "0"}))
                .hasMessage("--batch: invalid value \"0\": expected a whole number >= 1");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--duration", "10"}))
                .hasMessageStartingWith("--duration: invalid value \"10\": a duration needs a unit");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--precision", "h"}))
                .hasMessage("--precision: invalid value \"h\": expected n, u, ms or s");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--url", "localhost:8086"}))
                .hasMessageStartingWith("--url: invalid value \"localhost:8086\"");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--serie", "3"})).hasMessage("unknown option \"--serie\"");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--db"})).hasMessage("--db needs a value");
    }

    @Test
    void visibility_probes_are_off_by_default_and_need_replicas_to_poll() {
        assertThat(BenchOptions.parse(new String[0]).visibilityProbes()).isZero();
        assertThat(BenchOptions.parse(new String[] {"--visibility-probes", "20", "--verify", "http://127.0.0.1:1"})
                .visibilityProbes()).isEqualTo(20);
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--visibility-probes", "20"}))
                .hasMessage("--visibility-probes needs --verify URL[,URL]: the replicas to poll");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--visibility-probes", "5000", "--verify", "http://127.0.0.1:1"}))
                .hasMessage("--visibility-probes: invalid value \"5000\": expected at most 1000 per second");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--visibility-probes", "-1"}))
                .hasMessage("--visibility-probes: invalid value \"-1\": expected a whole number >= 0");
    }

    @Test
    void a_run_without_any_limit_is_refused() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--duration", "0s"}))
                .hasMessageContaining("--points N");
    }
}
