package io.influxha.broker;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;
import javax.management.JMException;
import javax.management.ObjectName;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fences the registration a killed broker left in the metadata log before the broker starts on
 * the same data again.
 *
 * <p>Why: after a kill -9 the controller still holds the broker's registration as unfenced. The
 * restarted node's broker cannot register until that stale registration's session times out,
 * but its transaction coordinator is already running from the replayed metadata (every leader
 * still "broker 1") and aborts the transactions that expired meanwhile. When the controller then
 * fences the stale registration, every partition has no leader for a moment, and Kafka's
 * coordinator sends no marker to a partition whose leader it cannot find: it takes the partition
 * for deleted ("likely deleted already and hence can be skipped") and completes the abort anyway.
 * The partitions keep the aborted records open, the next transaction of that producer joins the
 * open range, and its COMMIT makes the aborted records readable: the router's input is routed
 * twice ({@code OpenTransactionAcrossKillIT}).
 *
 * <p>What: a controller alone is started on the data dir, with a short broker session, until it
 * has fenced the stale registration; then it stops cleanly. The broker+controller started next
 * replays a fenced broker, so no coordinator runs before the broker is registered and unfenced,
 * and every marker finds its leader. Only after a shutdown that was not clean: a clean shutdown
 * fences the broker itself and leaves Kafka's clean-shutdown file.
 */
final class StaleRegistration {
    private static final Logger log = LoggerFactory.getLogger(StaleRegistration.class);
    /** Written by Kafka's LogManager into each log dir when it shut down cleanly. */
    static final String CLEAN_SHUTDOWN_FILE = ".kafka_cleanshutdown";
    /** The fencing controller's broker session: the stale registration is fenced this long after it starts. */
    static final Duration SESSION = Duration.ofMillis(1_000);
    /** How long the fence may take once the controller runs; past it the broker starts anyway (logged). */
    private static final Duration FENCE_WITHIN = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(50);

    private StaleRegistration() {}

    /** True when a broker ran on the directory (it recorded its port) and did not shut down cleanly. */
    static boolean mayRemain(Path logDir) {
        return FreePort.previous(logDir).isPresent() && !Files.exists(logDir.resolve(CLEAN_SHUTDOWN_FILE));
    }

    /** Runs a controller alone on the data dir until no broker registration is unfenced, then stops it. */
    static void fence(Path logDir, Deadline deadline) {
        long startNanos = System.nanoTime();
        int controllerPort = FreePort.pick();
        KafkaRaftServer controller = new KafkaRaftServer(
                new KafkaConfig(BrokerProperties.controllerOnly(logDir, controllerPort, SESSION), false), Time.SYSTEM);
        try {
            controller.startup();
            Deadline fenceDeadline = Deadline.after(FENCE_WITHIN);
            while (true) {
                OptionalLong active = controllerGauge("ActiveBrokerCount");
                OptionalLong fenced = controllerGauge("FencedBrokerCount");
                if (active.isPresent() && fenced.isPresent() && active.getAsLong() == 0 && fenced.getAsLong() > 0) {
                    log.info("event=stale_registration_fenced dir={} millis={}", logDir, (System.nanoTime() - startNanos) / 1_000_000);
                    return;
                }
                if (fenceDeadline.expired() || deadline.expired()) {
                    log.warn("event=stale_registration_not_fenced dir={} active_brokers={} fenced_brokers={} consequence=\"the"
                            + " broker starts anyway; its coordinator may complete transactions without markers while the"
                            + " controller fences its previous registration\"", logDir, active, fenced);
                    return;
                }
                deadline.pause(POLL);
            }
        } finally {
            controller.shutdown();
            controller.awaitShutdown();
        }
    }

    /** A gauge of the active controller's metadata metrics, as Kafka publishes it over JMX. */
    private static OptionalLong controllerGauge(String name) {
        try {
            Object value = ManagementFactory.getPlatformMBeanServer()
                    .getAttribute(new ObjectName("kafka.controller:type=KafkaController,name=" + name), "Value");
            return value instanceof Number n ? OptionalLong.of(n.longValue()) : OptionalLong.empty();
        } catch (JMException e) {
            return OptionalLong.empty(); // not registered (yet)
        }
    }
}
