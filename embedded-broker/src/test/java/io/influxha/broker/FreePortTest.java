package io.influxha.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FreePortTest {
    @TempDir
    Path kafkaDir;

    @Test
    void a_restarted_broker_is_offered_the_port_of_its_previous_run() {
        Path logDir = kafkaDir.resolve("kraft-logs");
        assertThat(FreePort.previous(logDir)).as("first start").isEmpty();
        FreePort.remember(logDir, 40123);
        assertThat(FreePort.previous(logDir)).hasValue(40123);
    }

    @Test
    void a_damaged_port_file_falls_back_to_any_free_port() throws Exception {
        Path logDir = kafkaDir.resolve("kraft-logs");
        Files.writeString(kafkaDir.resolve("broker.port"), "not a port\n");
        assertThat(FreePort.previous(logDir)).isEmpty();
        Files.writeString(kafkaDir.resolve("broker.port"), "70000\n");
        assertThat(FreePort.previous(logDir)).isEmpty();
    }
}
