package io.influxha.writer;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Ids of DDL statements this writer has applied successfully. The gateway puts a copy of each
 * statement into every ingest partition and the router copies each into every shard partition, so
 * one statement reaches a writer many times; after the first success the copies are skipped.
 * Only a success is remembered: a copy met while the first is still in flight is sent again, which
 * is harmless (CREATE is idempotent) and keeps every partition's order intact. Bounded: the
 * oldest ids are forgotten, and a forgotten id is merely applied again.
 */
final class AppliedDdl {
    private static final int MAX_IDS = 10_000;
    private final Set<String> ids = Collections.synchronizedSet(Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > MAX_IDS;
        }
    }));

    boolean contains(String id) {
        return !id.isEmpty() && ids.contains(id);
    }

    void applied(String id) {
        if (!id.isEmpty()) {
            ids.add(id);
        }
    }
}
