package io.influxha.gateway;

import io.influxha.gateway.influxql.Statement;
import io.influxha.gateway.influxql.Statement.AlterRetentionPolicyStatement;
import io.influxha.gateway.influxql.Statement.CreateDatabaseStatement;
import io.influxha.gateway.influxql.Statement.CreateRetentionPolicyStatement;
import io.influxha.gateway.influxql.Statement.DeleteSeriesStatement;
import io.influxha.gateway.influxql.Statement.DropMeasurementStatement;
import io.influxha.gateway.influxql.Statement.DropSeriesStatement;
import java.util.List;

/**
 * A statement that would change data or schema, checked before it enters the log the way influxd
 * 1.x would answer it (checked against influxd 1.6.7, in its order): names and durations it
 * refuses for good, and databases or policies the catalog says do not exist. A refusal is the
 * statement's error, as influxd reports it (HTTP 200, {@code "error"} in the result); nothing is
 * published. DROP DATABASE and DROP RETENTION POLICY of what does not exist succeed, as in influxd.
 * What influxd checks against a policy's current settings (CREATE of one that exists, ALTER to a
 * duration shorter than its shard duration) is checked against the settings the catalog's
 * statements for it fold to; a policy whose statements this version cannot read is left to the
 * backends, which all refuse alike. A refused ALTER is not recorded, so the catalog keeps the
 * settings the backends have.
 */
final class DdlChecks {
    private static final long HOUR = 3_600_000_000_000L;
    private static final long DAY = 24 * HOUR;
    private static final long SIX_MONTHS = 180 * DAY;
    static final String INVALID_NAME = "invalid name";
    static final String DURATION_TOO_LOW = "retention policy duration must be at least 1h0m0s";
    static final String SHARD_TOO_LONG = "retention policy duration must be greater than the shard duration";

    private final GatewayCatalog catalog;

    DdlChecks(GatewayCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * influxd's statement error for {@code st} on database {@code db}, or null when it would apply it.
     *
     * @throws RejectedRequestException 503 when the catalog cannot be read in time
     */
    String refusal(Statement st, String db, long deadlineNanos) {
        if (st instanceof CreateDatabaseStatement create) {
            if (!validName(create.name()) || (create.rpCreate() && !create.rpName().isEmpty() && !validName(create.rpName()))) {
                return INVALID_NAME;
            }
            return create.rpCreate() ? durations(create.rpDuration() == null ? 0 : create.rpDuration(), create.rpShardGroupDuration()) : null;
        } else if (st instanceof CreateRetentionPolicyStatement create) {
            if (!validName(create.name())) {
                return INVALID_NAME;
            }
            String durations = durations(create.duration(), create.shardGroupDuration());
            if (durations != null) {
                return durations;
            }
            String missing = databaseRefusal(db, deadlineNanos);
            return missing != null ? missing : conflict(create, db);
        } else if (st instanceof AlterRetentionPolicyStatement alter) {
            String missing = databaseRefusal(db, deadlineNanos);
            if (missing != null) {
                return missing;
            }
            boolean found = !alter.name().isEmpty() // the catalog reads "" as the default policy; influxd does not
                    && exists(catalog.retentionPolicy(db, alter.name(), deadlineNanos).answer(), "retention policy " + alter.name());
            return found ? alterDurations(alter, db) : "retention policy not found: " + alter.name();
        } else if (st instanceof DropMeasurementStatement || st instanceof DropSeriesStatement || st instanceof DeleteSeriesStatement) {
            return databaseRefusal(db, deadlineNanos);
        }
        return null;
    }

    static final String POLICY_EXISTS = "retention policy already exists";
    static final String POLICY_CONFLICT = "retention policy conflicts with an existing policy";

    /**
     * meta.Data.CreateRetentionPolicy on a policy that exists: other settings (duration,
     * replication, normalised shard duration) are "already exists", DEFAULT on one that is not the
     * default is a conflict; the same settings succeed and change nothing. The existing settings
     * are those of the statements the catalog kept for it, folded as influxd applies them.
     */
    private String conflict(CreateRetentionPolicyStatement create, String db) {
        GatewayCatalog.ExistingPolicy existing = catalog.existingPolicy(db, create.name());
        if (existing == null) {
            return null;
        }
        long[] now = settings(existing.statements());
        if (now == null) {
            return null; // a statement this version cannot read: the backends decide
        }
        long shard = normalisedShard(create.shardGroupDuration(), create.duration());
        if (now[0] != create.duration() || now[1] != create.replication() || now[2] != shard) {
            return POLICY_EXISTS;
        }
        return create.isDefault() && !existing.isDefault() ? POLICY_CONFLICT : null;
    }

    /**
     * meta.Data.UpdateRetentionPolicy's duration rules, in its order: a new duration under an hour
     * (not INF), then a duration shorter than the shard duration, new or current (checked against
     * influxd 1.6.7: DdlChecksTest's cases).
     */
    private String alterDurations(AlterRetentionPolicyStatement alter, String db) {
        Long duration = alter.duration();
        Long shard = alter.shardGroupDuration();
        if (duration != null && duration != 0 && duration < HOUR) {
            return DURATION_TOO_LOW;
        }
        GatewayCatalog.ExistingPolicy existing = catalog.existingPolicy(db, alter.name());
        long[] now = existing == null ? null : settings(existing.statements());
        if (now == null) {
            return null; // not in the catalog's statements, or one this version cannot read: the backends decide
        }
        if (duration != null && duration > 0 && duration < (shard != null ? shard : now[2])) {
            return SHARD_TOO_LONG;
        }
        return duration == null && now[0] > 0 && shard != null && now[0] < shard ? SHARD_TOO_LONG : null;
    }

    /** {duration, replication, shard duration} after the statements, in order; null when one is not a policy statement. */
    private static long[] settings(List<String> statements) {
        long[] s = null;
        for (String text : statements) {
            Statement st;
            try {
                List<io.influxha.gateway.influxql.ParsedStatement> parsed = io.influxha.gateway.influxql.InfluxQl.parse(text, java.util.Map.of());
                if (parsed.size() != 1) {
                    return null;
                }
                st = parsed.get(0).statement();
            } catch (RuntimeException e) {
                return null;
            }
            if (st instanceof CreateDatabaseStatement c) {
                long duration = c.rpCreate() && c.rpDuration() != null ? c.rpDuration() : 0;
                int replication = c.rpCreate() && c.rpReplication() != null ? c.rpReplication() : 1;
                s = new long[] {duration, replication, normalisedShard(c.rpCreate() ? c.rpShardGroupDuration() : 0, duration)};
            } else if (st instanceof CreateRetentionPolicyStatement c) {
                s = new long[] {c.duration(), c.replication(), normalisedShard(c.shardGroupDuration(), c.duration())};
            } else if (st instanceof AlterRetentionPolicyStatement a && s != null) {
                if (a.duration() != null) {
                    s[0] = a.duration();
                }
                if (a.replication() != null) {
                    s[1] = a.replication();
                }
                if (a.shardGroupDuration() != null) {
                    s[2] = normalisedShard(a.shardGroupDuration(), s[0]);
                }
            } else {
                return null;
            }
        }
        return s;
    }

    /** meta's normalisedShardDuration. */
    private static long normalisedShard(long shardDuration, long duration) {
        return shardDuration == 0 ? defaultShardDuration(duration) : Math.max(shardDuration, HOUR);
    }

    private String databaseRefusal(String db, long deadlineNanos) {
        if (db.isEmpty()) {
            return "database not found: ";
        }
        return exists(catalog.database(db, deadlineNanos), "database " + InfluxErrors.goQuote(db)) ? null : "database not found: " + db;
    }

    private static boolean exists(GatewayCatalog.Answer answer, String what) {
        if (answer == GatewayCatalog.Answer.UNKNOWN) {
            throw RejectedRequestException.unavailable("influx-ha: cannot tell whether " + what + " exists: the catalog topic "
                    + "could not be read within publish_timeout (is Kafka reachable?)", null);
        }
        return answer == GatewayCatalog.Answer.EXISTS;
    }

    /** influxd's duration rules: at least an hour (or INF), and not shorter than the shard duration (at least an hour). */
    private static String durations(long duration, long shardDuration) {
        if (duration != 0 && duration < HOUR) {
            return DURATION_TOO_LOW;
        }
        long shard = normalisedShard(shardDuration, duration);
        return duration != 0 && duration < shard ? SHARD_TOO_LONG : null;
    }

    /** meta's shardGroupDuration. */
    private static long defaultShardDuration(long duration) {
        if (duration == 0 || duration >= SIX_MONTHS) {
            return 7 * DAY;
        }
        return duration >= 2 * DAY ? DAY : HOUR;
    }

    /** meta.ValidName: printable, not empty, not {@code .} or {@code ..}, no slash or backslash. */
    static boolean validName(String name) {
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.contains("/") || name.contains("\\")) {
            return false;
        }
        return name.codePoints().allMatch(DdlChecks::isGoPrint);
    }

    /** Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
    private static boolean isGoPrint(int c) {
        if (c == ' ') {
            return true;
        }
        return switch (Character.getType(c)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER, Character.MODIFIER_LETTER,
                    Character.OTHER_LETTER, Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK,
                    Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER, Character.CONNECTOR_PUNCTUATION,
                    Character.DASH_PUNCTUATION, Character.START_PUNCTUATION, Character.END_PUNCTUATION,
                    Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION, Character.OTHER_PUNCTUATION,
                    Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL, Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> true;
            default -> false;
        };
    }
}
