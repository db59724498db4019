package io.influxha.core;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the broker's offset expiry depends on: each group's state and member count
 * ({@code describeConsumerGroups}) and the broker's {@code offsets.retention.minutes}. Kafka
 * (ClassicGroup.offsetExpirationCondition, 4.x) deletes a consumer group's committed offsets once
 * the group has been Empty for that long.
 */
final class GroupStates {
    /** Kafka's default {@code offsets.retention.minutes} (GroupCoordinatorConfig, 7 days). */
    static final long DEFAULT_OFFSETS_RETENTION_MS = Duration.ofMinutes(10080).toMillis();
    static final String OFFSETS_RETENTION_MINUTES = "offsets.retention.minutes";
    private static final Logger log = LoggerFactory.getLogger(GroupStates.class);
    private static final long TIMEOUT_SECONDS = 10;

    /** One group as the coordinator describes it; {@code DEAD} when the group does not exist. */
    record State(GroupState state, int members) {}

    private GroupStates() {}

    static Map<String, State> of(Admin admin, Collection<String> groups) {
        Map<String, KafkaFuture<ConsumerGroupDescription>> futures = admin.describeConsumerGroups(List.copyOf(groups)).describedGroups();
        Map<String, State> states = new HashMap<>();
        for (Map.Entry<String, KafkaFuture<ConsumerGroupDescription>> e : futures.entrySet()) {
            states.put(e.getKey(), describe(e.getKey(), e.getValue()));
        }
        return states;
    }

    private static State describe(String group, KafkaFuture<ConsumerGroupDescription> future) {
        try {
            ConsumerGroupDescription d = future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return new State(d.groupState(), d.members().size());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing consumer group " + group, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return new State(GroupState.DEAD, 0);
            }
            throw new IllegalStateException("cannot describe consumer group " + group + ": " + e.getCause(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("cannot describe consumer group " + group + ": no answer in " + TIMEOUT_SECONDS + " s", e);
        }
    }

    /**
     * {@code offsets.retention.minutes} of one broker (every broker of a cluster should agree), in
     * ms; Kafka's default when the config cannot be read (no DescribeConfigs right, for example).
     */
    static long offsetsRetentionMs(Admin admin) {
        try {
            Collection<Node> nodes = admin.describeCluster().nodes().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (nodes.isEmpty()) {
                return DEFAULT_OFFSETS_RETENTION_MS;
            }
            ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, nodes.iterator().next().idString());
            Config config = admin.describeConfigs(List.of(broker)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(broker);
            ConfigEntry entry = config == null ? null : config.get(OFFSETS_RETENTION_MINUTES);
            return entry == null || entry.value() == null
                    ? DEFAULT_OFFSETS_RETENTION_MS : Duration.ofMinutes(Long.parseLong(entry.value())).toMillis();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DEFAULT_OFFSETS_RETENTION_MS;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            log.warn("event=offsets_retention_unreadable default_minutes=10080 error=\"{}\"", e.toString());
            return DEFAULT_OFFSETS_RETENTION_MS;
        }
    }
}
