package io.influxha.router;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A shard topic with its partition count as read from Kafka at start, and the partition sets the
 * sink needs, built once so that routing a record allocates none.
 */
final class Target {
    private final String topic;
    private final List<Optional<Set<Integer>>> single;
    private final Optional<Set<Integer>> all;

    Target(String topic, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("topic " + topic + " has " + partitions + " partitions");
        }
        this.topic = topic;
        List<Optional<Set<Integer>>> one = new ArrayList<>(partitions);
        Set<Integer> every = new TreeSet<>();
        for (int p = 0; p < partitions; p++) {
            one.add(Optional.of(Set.of(p)));
            every.add(p);
        }
        this.single = List.copyOf(one);
        this.all = Optional.of(Set.copyOf(every));
    }

    String topic() {
        return topic;
    }

    int partitions() {
        return single.size();
    }

    Optional<Set<Integer>> only(int partition) {
        return single.get(partition);
    }

    Optional<Set<Integer>> all() {
        return all;
    }
}
