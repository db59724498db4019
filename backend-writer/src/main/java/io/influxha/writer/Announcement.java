package io.influxha.writer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * A partition's announcement that it reached a barrier, as the metadata of its committed offset:
 * {@code ddl:<id>[,<id>...]@<offset of its last copy>} ({@link Barriers}). All barrier state is in
 * Kafka, so the applier reads the group's commits to see which partitions are there.
 */
record Announcement(List<String> ids, long offset) {
    static final String METADATA_PREFIX = "ddl:";

    /** The commit metadata announcing {@code ids}, whose last copy is at {@code offset}. */
    static String metadata(List<String> ids, long offset) {
        return METADATA_PREFIX + String.join(",", ids) + "@" + offset;
    }

    /** Reads a commit's metadata back; null when it announces no barrier. */
    static Announcement parse(String metadata) {
        if (metadata == null || !metadata.startsWith(METADATA_PREFIX)) {
            return null;
        }
        int at = metadata.lastIndexOf('@');
        if (at <= METADATA_PREFIX.length()) {
            return null;
        }
        try {
            return new Announcement(List.of(metadata.substring(METADATA_PREFIX.length(), at).split(",")),
                    Long.parseLong(metadata.substring(at + 1)));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Partitions whose committed offset does not announce {@code id}, in name order. */
    static List<TopicPartition> notAt(String id, Map<TopicPartition, OffsetAndMetadata> committed) {
        List<TopicPartition> waiting = new ArrayList<>();
        committed.forEach((tp, c) -> {
            Announcement a = c == null ? null : parse(c.metadata());
            if (a == null || !a.ids().contains(id)) {
                waiting.add(tp);
            }
        });
        waiting.sort(Comparator.comparing(TopicPartition::toString));
        return waiting;
    }
}
