package io.influxha.e2e.reference;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Which partition the reference applier advances next, among those that can move. Two orders
 * that both respect every partition's own order must give the same result; if not, some
 * statement's effect depends on timing.
 */
public interface Interleaving {
    /** The index in {@code movable} (partition indexes, ascending, never empty) to advance by one record. */
    int next(List<Integer> movable);

    String name();

    /** One record of each movable partition in turn. */
    static Interleaving roundRobin() {
        return new Interleaving() {
            private int last = -1;

            @Override
            public int next(List<Integer> movable) {
                for (int i = 0; i < movable.size(); i++) {
                    if (movable.get(i) > last) {
                        last = movable.get(i);
                        return i;
                    }
                }
                last = movable.get(0);
                return 0;
            }

            @Override
            public String name() {
                return "round-robin";
            }
        };
    }

    /** A seeded random partition, kept for a random run of 1 to 200 records while it can move: lagging partitions, as after a rebalance. */
    static Interleaving seededBursts(long seed) {
        return new Interleaving() {
            private final SplittableRandom random = new SplittableRandom(seed);
            private int current = -1;
            private int left;

            @Override
            public int next(List<Integer> movable) {
                int at = movable.indexOf(current);
                if (left > 0 && at >= 0) {
                    left--;
                    return at;
                }
                at = random.nextInt(movable.size());
                current = movable.get(at);
                left = random.nextInt(200);
                return at;
            }

            @Override
            public String name() {
                return "seeded-bursts(" + seed + ")";
            }
        };
    }
}
