package io.influxha.core;

import io.influxha.core.config.BackendSettings;
import io.influxha.core.config.InfluxHaConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;

/**
 * How far behind every consumer of the data path is, per partition: each backend's writer group
 * over its shard topics, and the router over the ingest topic. Lag in records is end (last stable
 * offset) minus committed, in offsets, so it includes transaction markers (the router writes shard
 * topics transactionally); when nothing but markers is left it is 0. Lag in seconds is the age of
 * the oldest record not yet consumed, 0 when nothing is pending. {@code lost} is set when
 * retention already deleted records the group never consumed. {@link #groups()} says which groups
 * have members now, for the offsets-retention watch.
 */
public final class LagReport implements AutoCloseable {
    public static final String ROUTER = "router";
    /** Share of retention.ms the lag may use before {@link Row#atRisk()} says so. */
    public static final double RISK_SHARE = 0.5;
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration POLL = Duration.ofMillis(200);

    /**
     * One partition of one consumer. {@code consumer} is a backend name or {@link #ROUTER};
     * {@code lagSeconds} is negative when the offsets left hold no record, only markers;
     * {@code retentionMs} is the topic's {@code retention.ms}, -1 when unlimited.
     */
    public record Row(String consumer, String group, TopicPartition partition, long committed, long end, long logStart,
            double lagSeconds, long retentionMs) {
        /** Share of the topic's retention that the oldest pending record has used up: at 1 it is deleted unread. */
        public double retentionUsed() {
            return retentionMs <= 0 ? 0 : lagSecondsOrZero() * 1000.0 / retentionMs;
        }

        /** Past half of the retention: records will be deleted before this consumer reads them unless it catches up. */
        public boolean atRisk() {
            return retentionUsed() >= RISK_SHARE;
        }

        public long lagRecords() {
            return lagSeconds < 0 ? 0 : Math.max(0, end - committed);
        }

        public double lagSecondsOrZero() {
            return Math.max(0, lagSeconds);
        }

        /** Retention deleted records this group had not consumed yet: they are gone for it. */
        public boolean lost() {
            return committed < logStart;
        }
    }

    /**
     * One consumer's group as its coordinator describes it now. {@code empty} is Kafka's Empty
     * state: no members, committed offsets kept; Kafka deletes those offsets once the group has
     * stayed Empty for {@code offsetsRetentionMs} (the broker's {@code offsets.retention.minutes}),
     * and the group then starts over from {@code auto.offset.reset}. {@code state} is Kafka's name
     * of the state ({@code Dead} when the group does not exist).
     */
    public record Group(String consumer, String group, String state, int members, boolean empty, long offsetsRetentionMs) {}

    private final InfluxHaConfig config;
    private final Admin admin;
    private final Consumer<byte[], byte[]> reader;

    private LagReport(InfluxHaConfig config, Admin admin, Consumer<byte[], byte[]> reader) {
        this.config = config;
        this.admin = admin;
        this.reader = reader;
    }

    public static LagReport open(InfluxHaConfig config, KafkaCluster kafka) {
        Admin admin = kafka.admin("lag");
        try {
            return new LagReport(config, admin, kafka.consumer("lag", Map.of(
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                    ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1)));
        } catch (RuntimeException e) {
            admin.close();
            throw e;
        }
    }

    /** Every backend's partitions, then the router's. */
    public List<Row> read() {
        String prefix = config.kafka().topicPrefix();
        List<Row> rows = new ArrayList<>();
        OffsetsReader probe = new OffsetsReader(admin);
        for (BackendSettings backend : config.backends()) {
            List<String> topics = config.shardsOf(backend.name()).stream().map(s -> Topics.shard(prefix, s.name())).toList();
            String group = Topics.writerGroup(prefix, backend.name());
            probe.lag(group, topics).forEach(p -> rows.add(row(backend.name(), group, p)));
        }
        String routerGroup = Topics.routerApplicationId(prefix);
        probe.lag(routerGroup, List.of(Topics.ingest(prefix))).forEach(p -> rows.add(row(ROUTER, routerGroup, p)));
        Map<String, Long> retention = TopicRetention.of(admin, rows.stream().map(r -> r.partition().topic()).toList());
        return rows.stream().map(r -> new Row(r.consumer(), r.group(), r.partition(), r.committed(), r.end(), r.logStart(),
                r.lagSeconds(), retention.getOrDefault(r.partition().topic(), -1L))).toList();
    }

    /** Every backend's writer group, then the router's, with the broker's offsets retention. */
    public List<Group> groups() {
        String prefix = config.kafka().topicPrefix();
        Map<String, String> consumers = new LinkedHashMap<>();
        config.backends().forEach(b -> consumers.put(Topics.writerGroup(prefix, b.name()), b.name()));
        consumers.put(Topics.routerApplicationId(prefix), ROUTER);
        Map<String, GroupStates.State> states = GroupStates.of(admin, consumers.keySet());
        long retentionMs = GroupStates.offsetsRetentionMs(admin);
        List<Group> groups = new ArrayList<>();
        consumers.forEach((group, consumer) -> {
            GroupStates.State s = states.get(group);
            groups.add(new Group(consumer, group, s.state().toString(), s.members(), s.state() == GroupState.EMPTY, retentionMs));
        });
        return groups;
    }

    private Row row(String consumer, String group, OffsetsReader.PartitionLag p) {
        double seconds = p.lag() > 0 ? ageSeconds(p.partition(), Math.max(p.committed(), p.logStart()), p.end()) : 0;
        return new Row(consumer, group, p.partition(), p.committed(), p.end(), p.logStart(), seconds, -1);
    }

    /** Age of the first record in [offset, end); -1 when there is none, only transaction markers. */
    private double ageSeconds(TopicPartition tp, long offset, long end) {
        reader.assign(List.of(tp));
        reader.seek(tp, offset);
        long deadline = System.nanoTime() + FETCH_TIMEOUT.toNanos();
        while (reader.position(tp) < end && System.nanoTime() - deadline < 0) {
            for (ConsumerRecord<byte[], byte[]> r : reader.poll(POLL)) {
                if (r.offset() < end) {
                    return Math.max(0, System.currentTimeMillis() - r.timestamp()) / 1000.0;
                }
            }
        }
        return reader.position(tp) >= end ? -1 : 0;
    }

    @Override
    /**
     * Closes both clients without waiting: they only read, so nothing pending is worth keeping, and
     * with the broker gone a graceful close would wait out its timeout (SupervisionIT: {@code all} whose
     * broker died has 10 s to stop every role).
     */
    public void close() {
        reader.close(Duration.ZERO);
        admin.close(Duration.ZERO);
    }
}
