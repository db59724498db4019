package io.influxha.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaleRegistrationTest {
    @TempDir
    Path kafkaDir;

    @Test
    void a_dir_no_broker_ran_on_has_no_registration_to_fence() throws Exception {
        Path logDir = Files.createDirectories(kafkaDir.resolve("kraft-logs"));
        Files.createDirectories(logDir.resolve("__cluster_metadata-0")); // formatted, never started
        assertThat(StaleRegistration.mayRemain(logDir)).isFalse();
    }

    @Test
    void a_broker_that_ran_and_shut_down_cleanly_fenced_itself() throws Exception {
        Path logDir = Files.createDirectories(kafkaDir.resolve("kraft-logs"));
        FreePort.remember(logDir, 9092);
        Files.createFile(logDir.resolve(StaleRegistration.CLEAN_SHUTDOWN_FILE));
        assertThat(StaleRegistration.mayRemain(logDir)).isFalse();
    }

    @Test
    void a_broker_that_ran_and_left_no_clean_shutdown_file_may_still_be_registered() throws Exception {
        Path logDir = Files.createDirectories(kafkaDir.resolve("kraft-logs"));
        FreePort.remember(logDir, 9092);
        assertThat(StaleRegistration.mayRemain(logDir)).isTrue();
    }
}
