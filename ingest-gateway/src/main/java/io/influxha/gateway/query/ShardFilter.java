package io.influxha.gateway.query;

import io.influxha.core.config.ShardRules;
import io.influxha.gateway.query.Statement.Route;

/**
 * Keeps, of one shard's answer, only what that shard owns. A backend may replicate several
 * shards, so the replica asked for shard S can also hold other shards' measurements, possibly
 * older than their own best replica has them: each measurement must come from the replica chosen
 * for the shard that owns it, once. Catalog answers (SHOW DATABASES, RETENTION POLICIES) and
 * per-backend answers are kept whole.
 */
final class ShardFilter {
    private static final ShardFilter EVERYTHING = new ShardFilter(null, null, null);

    private final Statement st;
    private final String shard;
    private final ShardRules rules;

    private ShardFilter(Statement st, String shard, ShardRules rules) {
        this.st = st;
        this.shard = shard;
        this.rules = rules;
    }

    /** What {@code shard}'s answer to {@code st} keeps when several shards answer it. */
    static ShardFilter of(Statement st, String shard, ShardRules rules) {
        return new ShardFilter(st, shard, rules);
    }

    /** Keeps everything: the statement is answered by one shard. */
    static ShardFilter everything() {
        return EVERYTHING;
    }

    /** Reads and per-measurement SHOW answers keep the series of measurements the shard owns, and nameless ones (EXPLAIN). */
    boolean keepsSeries(String name) {
        if (st == null || st.route() == Route.MERGE_LIST || st.route() == Route.MERGE_META || st.route() == Route.ANY_REPLICA) {
            return true;
        }
        return name.isEmpty() || rules.shardFor(name).equals(shard);
    }

    /** SHOW MEASUREMENTS and SHOW SERIES keep the rows (a name, a series key) of measurements the shard owns. */
    boolean keepsRow(String firstColumn) {
        if (st == null || st.route() != Route.MERGE_LIST) {
            return true;
        }
        String measurement = st.kind().equals("SHOW SERIES") ? measurementOfKey(firstColumn) : firstColumn;
        return rules.shardFor(measurement).equals(shard);
    }

    /** The measurement of a series key {@code cpu,host=a}: up to the first comma not escaped by a backslash. */
    static String measurementOfKey(String key) {
        StringBuilder m = new StringBuilder();
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '\\' && i + 1 < key.length()) {
                m.append(key.charAt(++i));
            } else if (c == ',') {
                break;
            } else {
                m.append(c);
            }
        }
        return m.toString();
    }
}
