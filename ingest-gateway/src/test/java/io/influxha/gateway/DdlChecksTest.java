package io.influxha.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxha.core.catalog.CatalogEntry;
import io.influxha.gateway.influxql.InfluxQl;
import io.influxha.gateway.influxql.Statement;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** CREATE and ALTER RETENTION POLICY over a policy that exists, answered as influxd's meta data answers them. */
class DdlChecksTest {
    /** The catalog has policy "r" made by {@code statements} (not the default) and autogen (the default) from CREATE DATABASE. */
    private static DdlChecks checks(List<String> statements) {
        return new DdlChecks(new GatewayCatalog() {
            @Override
            public Answer database(String db, long deadlineNanos) {
                return Answer.EXISTS;
            }

            @Override
            public Policy retentionPolicy(String db, String rp, long deadlineNanos) {
                return new Policy(Answer.EXISTS, rp);
            }

            @Override
            public void record(Statement statement, String text, Consumer<List<CatalogEntry>> publish) {}

            @Override
            public ExistingPolicy existingPolicy(String db, String rp) {
                return switch (rp) {
                    case "r" -> new ExistingPolicy(statements, false);
                    case "autogen" -> new ExistingPolicy(List.of("CREATE DATABASE db"), true);
                    default -> null;
                };
            }
        });
    }

    private static String refusal(DdlChecks checks, String statement) {
        return checks.refusal(InfluxQl.parse(statement, Map.of()).get(0).statement(), "db", System.nanoTime() + 1_000_000_000L);
    }

    @ParameterizedTest(name = "{0} then {1}: {2}")
    @CsvSource(delimiter = '|', nullValues = "ok", value = {
        "CREATE RETENTION POLICY r ON db DURATION 2d REPLICATION 1 | CREATE RETENTION POLICY r ON db DURATION 2d REPLICATION 1 | ok",
        "CREATE RETENTION POLICY r ON db DURATION 2d REPLICATION 1 | CREATE RETENTION POLICY r ON db DURATION 48h REPLICATION 1 SHARD DURATION 1d | ok",
        "CREATE RETENTION POLICY r ON db DURATION 2d REPLICATION 1 | CREATE RETENTION POLICY r ON db DURATION 2d REPLICATION 1 SHARD DURATION 1h | retention policy already exists",
        "CREATE RETENTION POLICY r ON db DURATION 180d REPLICATION 1 | CREATE RETENTION POLICY r ON db DURATION 180d REPLICATION 1 SHARD DURATION 7d | ok",
        "CREATE RETENTION POLICY r ON db DURATION 1h REPLICATION 1 SHARD DURATION 1m | CREATE RETENTION POLICY r ON db DURATION 1h REPLICATION 1 | ok",
        "CREATE RETENTION POLICY r ON db DURATION 2d REPLICATION 1 | CREATE RETENTION POLICY r ON db DURATION 2d REPLICATION 3 | retention policy already exists",
        "CREATE RETENTION POLICY r ON db DURATION 2d REPLICATION 1 | CREATE RETENTION POLICY r ON db DURATION 2d REPLICATION 1 DEFAULT | retention policy conflicts with an existing policy",
        "CREATE RETENTION POLICY r ON db DURATION 2d REPLICATION 1;ALTER RETENTION POLICY r ON db DURATION 5d | CREATE RETENTION POLICY r ON db DURATION 5d REPLICATION 1 | ok",
        "CREATE RETENTION POLICY r ON db DURATION 2d REPLICATION 1;ALTER RETENTION POLICY r ON db SHARD DURATION 2h | CREATE RETENTION POLICY r ON db DURATION 2d REPLICATION 1 | retention policy already exists",
        "CREATE DATABASE db | CREATE RETENTION POLICY autogen ON db DURATION INF REPLICATION 1 DEFAULT | ok",
        "CREATE DATABASE db | CREATE RETENTION POLICY autogen ON db DURATION 0s REPLICATION 1 SHARD DURATION 1w | ok",
        "CREATE DATABASE db | CREATE RETENTION POLICY autogen ON db DURATION 1d REPLICATION 1 | retention policy already exists",
        "CREATE DATABASE db | CREATE RETENTION POLICY other ON db DURATION 1d REPLICATION 1 DEFAULT | ok",
    })
    void create_of_an_existing_policy(String existing, String create, String expected) {
        List<String> statements = List.of(existing.split(";"));
        String name = create.split(" ")[3];
        DdlChecks checks = name.equals("r") ? checks(statements) : checks(List.of());
        assertThat(refusal(checks, create)).isEqualTo(expected);
    }

    /**
     * ALTER against the policy's current settings, as meta.Data.UpdateRetentionPolicy answers it.
     * Every case was run on Debian's influxd 1.6.7 (CREATE, then the ALTER) and its answer copied
     * here; before, the gateway accepted and recorded ALTERs every backend refused, and later
     * CREATEs were then checked against settings no backend had.
     */
    @ParameterizedTest(name = "{0} then {1}: {2}")
    @CsvSource(delimiter = '|', nullValues = "ok", value = {
        "CREATE RETENTION POLICY r ON db DURATION 2d REPLICATION 1 | ALTER RETENTION POLICY r ON db DURATION 1h | retention policy duration must be greater than the shard duration",
        "CREATE RETENTION POLICY r ON db DURATION INF REPLICATION 1 | ALTER RETENTION POLICY r ON db DURATION 1h | retention policy duration must be greater than the shard duration",
        "CREATE RETENTION POLICY r ON db DURATION 2d REPLICATION 1 | ALTER RETENTION POLICY r ON db SHARD DURATION 3d | retention policy duration must be greater than the shard duration",
        "CREATE RETENTION POLICY r ON db DURATION 2d REPLICATION 1 | ALTER RETENTION POLICY r ON db DURATION 3h SHARD DURATION 1h | ok",
        "CREATE RETENTION POLICY r ON db DURATION 2d REPLICATION 1 | ALTER RETENTION POLICY r ON db DURATION 30m | retention policy duration must be at least 1h0m0s",
        "CREATE RETENTION POLICY r ON db DURATION INF REPLICATION 1 | ALTER RETENTION POLICY r ON db SHARD DURATION 30m | ok",
        "CREATE RETENTION POLICY r ON db DURATION 2d REPLICATION 1 | ALTER RETENTION POLICY r ON db DURATION INF | ok",
        "CREATE RETENTION POLICY r ON db DURATION 2d REPLICATION 1 SHARD DURATION 1h | ALTER RETENTION POLICY r ON db DURATION 1h | ok",
        "CREATE RETENTION POLICY r ON db DURATION 2d REPLICATION 1 | ALTER RETENTION POLICY r ON db DURATION 2h SHARD DURATION 3h | retention policy duration must be greater than the shard duration",
        "CREATE RETENTION POLICY r ON db DURATION 2d REPLICATION 1 | ALTER RETENTION POLICY r ON db DURATION 1d | ok",
        "CREATE RETENTION POLICY r ON db DURATION 3h REPLICATION 1 | ALTER RETENTION POLICY r ON db SHARD DURATION 30m | ok",
        "CREATE RETENTION POLICY r ON db DURATION 1h REPLICATION 1 | ALTER RETENTION POLICY r ON db SHARD DURATION 2h | retention policy duration must be greater than the shard duration",
        "CREATE DATABASE db | ALTER RETENTION POLICY autogen ON db DURATION 1h | retention policy duration must be greater than the shard duration",
    })
    void alter_of_an_existing_policy(String existing, String alter, String expected) {
        String name = alter.split(" ")[3];
        DdlChecks checks = name.equals("r") ? checks(List.of(existing.split(";"))) : checks(List.of());
        assertThat(refusal(checks, alter)).isEqualTo(expected);
    }
}
