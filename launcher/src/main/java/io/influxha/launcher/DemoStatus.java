package io.influxha.launcher;

import io.influxha.core.OffsetsReader;
import io.influxha.core.Topics;
import io.influxha.core.config.BackendSettings;
import io.influxha.core.config.InfluxHaConfig;
import io.influxha.core.config.ShardSettings;
import io.influxha.writer.Writer;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;

/** The demo's live line: points acknowledged, points written per replica, lag per replica in records. */
final class DemoStatus implements AutoCloseable {
    private final InfluxHaConfig config;
    private final Node node;
    private final DemoLoad load;
    private final Admin admin;
    private final OffsetsReader lag;
    private final long startedAt = System.nanoTime();

    DemoStatus(InfluxHaConfig config, Node node, DemoLoad load) {
        this.config = config;
        this.node = node;
        this.load = load;
        this.admin = node.kafka().admin("demo-status");
        this.lag = new OffsetsReader(admin);
    }

    String line() {
        long seconds = (System.nanoTime() - startedAt) / 1_000_000_000L;
        StringBuilder sb = new StringBuilder(String.format("t=%4ds  in=%-8d", seconds, load.pointsAcknowledged()));
        List<Writer> writers = node.writers();
        for (int i = 0; i < writers.size(); i++) {
            BackendSettings backend = config.backends().get(i);
            sb.append(String.format("  %s: written=%-8d lag=%s", backend.name(), writers.get(i).pointsWritten(), lagOf(backend)));
        }
        if (load.batchesFailed() > 0) {
            sb.append("  failed_batches=").append(load.batchesFailed());
        }
        return sb.toString();
    }

    private String lagOf(BackendSettings backend) {
        List<String> topics = config.shardsOf(backend.name()).stream()
                .map(ShardSettings::name).map(s -> Topics.shard(config.kafka().topicPrefix(), s)).toList();
        try {
            return lag.totalLag(Topics.writerGroup(config.kafka().topicPrefix(), backend.name()), topics) + "rec";
        } catch (IllegalStateException e) {
            return "?";
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
