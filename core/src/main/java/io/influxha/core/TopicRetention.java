package io.influxha.core;

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
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

/** {@code retention.ms} of topics, as the broker applies it (topic override or broker default); -1 is unlimited. */
final class TopicRetention {
    private static final long TIMEOUT_SECONDS = 10;

    private TopicRetention() {}

    static Map<String, Long> of(Admin admin, Collection<String> topics) {
        List<ConfigResource> resources = topics.stream().distinct()
                .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
        try {
            Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Map<String, Long> retention = new HashMap<>();
            configs.forEach((resource, config) -> {
                ConfigEntry entry = config.get(TopicConfig.RETENTION_MS_CONFIG);
                retention.put(resource.name(), entry == null || entry.value() == null ? -1L : Long.parseLong(entry.value()));
            });
            return retention;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading retention.ms of " + topics, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read retention.ms of " + topics + ": " + e, e);
        }
    }
}
