package io.influxha.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageTest {
    @TempDir
    Path logDir;

    @Test
    void formats_an_empty_dir_once_and_keeps_its_cluster_id_afterwards() throws Exception {
        Storage.formatIfNeeded(logDir);
        String meta = Files.readString(logDir.resolve("meta.properties"));

        Storage.formatIfNeeded(logDir);

        assertThat(meta).contains("cluster.id=").contains("node.id=1");
        assertThat(Files.readString(logDir.resolve("meta.properties"))).isEqualTo(meta);
    }

    @Test
    void an_unlocked_dir_is_available_at_once() {
        Storage.awaitUnlocked(logDir, Deadline.after(Duration.ofSeconds(5)));

        assertThat(logDir.resolve(Storage.LOCK_FILE)).exists();
    }

    @Test
    void a_dir_locked_past_the_deadline_fails_naming_the_lock_file() throws Exception {
        try (FileChannel channel = FileChannel.open(logDir.resolve(Storage.LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = channel.lock()) {
            assertThatThrownBy(() -> Storage.awaitUnlocked(logDir, Deadline.after(Duration.ofMillis(300))))
                    .isInstanceOf(BrokerStartException.class)
                    .hasMessageContaining(logDir.resolve(Storage.LOCK_FILE).toString())
                    .hasMessageContaining("another broker is still using it");
        }
    }
}
