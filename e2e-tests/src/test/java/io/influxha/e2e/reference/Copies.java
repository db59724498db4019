package io.influxha.e2e.reference;

import java.util.HashSet;
import java.util.Set;

/**
 * The copies of one statement met in one partition: complete at {@code ddl_copies} distinct
 * {@code ddl_copy} values when the header is there, else at {@code ddl_copies} records.
 */
final class Copies {
    private final LogRecord first;
    private final Set<Integer> identified = new HashSet<>();
    private int counted;

    Copies(LogRecord first) {
        this.first = first;
    }

    void add(LogRecord copy) {
        counted++;
        if (copy.ddlCopy() != null) {
            identified.add(copy.ddlCopy());
        }
    }

    boolean complete() {
        int n = Math.max(1, first.ddlCopies());
        return identified.isEmpty() ? counted >= n : identified.size() >= n;
    }

    LogRecord first() {
        return first;
    }

    @Override
    public String toString() {
        return identified.isEmpty() ? counted + " counted" : identified.size() + " distinct (" + identified + ")";
    }
}
