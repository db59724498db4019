package io.influxha.broker;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.EligibleLeaderReplicasVersion;
import org.apache.kafka.server.common.MetadataVersion;

/** The broker's log directory: waiting for its lock and formatting it once. */
final class Storage {
    /** Kafka's LogManager holds an exclusive lock on this file while a broker uses the directory. */
    static final String LOCK_FILE = ".lock";
    private static final Duration POLL = Duration.ofMillis(100);

    private Storage() {}

    /**
     * Waits until no other process holds the directory's lock: after a kill -9 or SIGTERM the
     * previous broker may still be exiting. The probe lock is released at once; Kafka takes it.
     * Must not be called while a broker of this JVM uses the directory: closing the probe's
     * channel would release that broker's lock (POSIX record locks belong to the process).
     */
    static void awaitUnlocked(Path logDir, Deadline deadline) {
        Path lockFile = logDir.resolve(LOCK_FILE);
        while (true) {
            if (tryLock(lockFile)) {
                return;
            }
            if (deadline.expired()) {
                throw new BrokerStartException("Kafka data dir " + logDir + " is locked by another process (" + lockFile
                        + "): another broker is still using it; stop it, or wait until it has exited");
            }
            deadline.pause(POLL);
        }
    }

    private static boolean tryLock(Path lockFile) {
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            return lock != null;
        } catch (OverlappingFileLockException e) {
            return false;
        } catch (IOException e) {
            throw new BrokerStartException("cannot open the lock file " + lockFile + ": " + e.getMessage(), e);
        }
    }

    /**
     * Formats the directory for a new cluster when it holds no {@code meta.properties} yet.
     *
     * <p>Eligible leader replicas (KIP-966) are switched off. They are on by default in new 4.x
     * clusters, and they remove a broker that died without a clean shutdown from every ISR when it
     * registers again. With one replica per partition that leaves the partitions leaderless, and
     * the controller brings them back by unclean recovery ({@code leaderRecoveryState=RECOVERING}),
     * which transactions do not survive (KAFKA-20716): after a kill -9 the router's committed
     * exactly-once transaction lost its markers, its records were later aborted with the next
     * one, and the open transaction held every partition's last stable offset, so the writers
     * stopped there. Without ELR the only replica stays in the ISR and is simply elected again.
     */
    static void formatIfNeeded(Path logDir) {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        format(logDir, EligibleLeaderReplicasVersion.ELRV_0.featureLevel());
    }

    /** Formats for a new cluster with the given eligible-leader-replicas level (tests format as older versions did). */
    static void format(Path logDir, short eligibleLeaderReplicasLevel) {
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(BrokerProperties.NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(logDir.toString()))
                    .setMetadataLogDirectory(logDir.toString())
                    .setControllerListenerName(BrokerProperties.CONTROLLER_LISTENER)
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setFeatureLevel(EligibleLeaderReplicasVersion.FEATURE_NAME, eligibleLeaderReplicasLevel)
                    .setIgnoreFormatted(true)
                    .run();
        } catch (Exception e) {
            throw new BrokerStartException("cannot format the Kafka data dir " + logDir + ": " + e.getMessage(), e);
        }
    }
}
