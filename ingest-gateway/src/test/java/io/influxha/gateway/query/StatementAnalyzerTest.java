package io.influxha.gateway.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxha.gateway.query.Statement.Route;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class StatementAnalyzerTest {

    static Stream<Arguments> reads() {
        return Stream.of(
                Arguments.of("a plain FROM", "SELECT * FROM cpu", "[cpu]", false),
                Arguments.of("a quoted measurement", "SELECT \"v\" FROM \"my cpu\" WHERE time > now() - 1h", "[my cpu]", false),
                Arguments.of("db.rp.m", "SELECT * FROM telegraf.autogen.cpu", "[cpu]", false),
                Arguments.of("db..m", "SELECT * FROM \"tel\"..disk", "[disk]", false),
                Arguments.of("several measurements", "SELECT a FROM cpu, mem ,disk", "[cpu, mem, disk]", false),
                Arguments.of("a regex reads any", "SELECT * FROM /^cpu/", "[]", true),
                Arguments.of("a regex holding a line comment reads any", "SELECT * FROM /a--/", "[]", true),
                Arguments.of("a regex after a name reads any", "SELECT * FROM cpu, /m.m/", "[cpu]", true),
                Arguments.of("db.rp./re/ reads any", "SELECT * FROM db.rp./cpu/", "[]", true),
                Arguments.of("a division is no regex", "SELECT a / b FROM cpu WHERE h =~ /x'y/", "[cpu]", false),
                Arguments.of("a subquery's FROM", "SELECT max(m) FROM (SELECT mean(v) AS m FROM cpu GROUP BY time(1m))", "[cpu]", false),
                Arguments.of("subqueries and names", "SELECT * FROM mem, (SELECT * FROM (SELECT * FROM cpu)), disk", "[mem, cpu, disk]", false),
                Arguments.of("Grafana's mean by time", "SELECT mean(\"usage_idle\") FROM \"cpu\" WHERE (\"host\" = 'a') AND "
                        + "time >= now() - 6h GROUP BY time(20s) fill(null)", "[cpu]", false),
                Arguments.of("no FROM reads any", "SHOW TAG KEYS", "[]", true),
                Arguments.of("SHOW with FROM", "SHOW TAG VALUES ON \"telegraf\" FROM cpu WITH KEY = \"host\"", "[cpu]", false),
                Arguments.of("WITH MEASUREMENT =", "SHOW MEASUREMENTS WITH MEASUREMENT = cpu", "[cpu]", false),
                Arguments.of("WITH MEASUREMENT =~", "SHOW MEASUREMENTS WITH MEASUREMENT =~ /cpu.*/", "[]", true),
                Arguments.of("from is a keyword only bare", "SELECT \"from\" FROM m", "[m]", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reads")
    void finds_the_measurements_a_statement_reads(String name, String text, String measurements, boolean any) {
        Statement st = Analyzed.one(text);

        assertThat(st.measurements().toString()).isEqualTo(measurements);
        assertThat(st.everyMeasurement()).isEqualTo(any);
    }

    static Stream<Arguments> routes() {
        return Stream.of(
                Arguments.of("select INTO one replica", "SELECT * INTO other FROM cpu", Route.REJECT),
                Arguments.of("create user", "CREATE USER bob WITH PASSWORD 'x'", Route.REJECT),
                Arguments.of("grant", "GRANT ALL TO bob", Route.REJECT),
                Arguments.of("INTO in a subquery", "SELECT * FROM (SELECT * INTO other FROM cpu)", Route.REJECT),
                Arguments.of("EXPLAIN ANALYZE with INTO", "EXPLAIN ANALYZE SELECT * INTO other FROM cpu", Route.REJECT),
                Arguments.of("kill query", "KILL QUERY 12", Route.REJECT),
                Arguments.of("continuous query", "CREATE CONTINUOUS QUERY cq ON db BEGIN SELECT mean(v) INTO x FROM m GROUP BY time(1m) END", Route.REJECT),
                Arguments.of("drop measurement", "DROP MEASUREMENT cpu", Route.DDL),
                Arguments.of("delete", "DELETE FROM cpu WHERE time < now()", Route.DDL),
                Arguments.of("alter rp", "ALTER RETENTION POLICY autogen ON db DURATION 1d", Route.DDL),
                Arguments.of("drop database", "drop database x", Route.DDL),
                Arguments.of("show databases", "SHOW DATABASES", Route.MERGE_META),
                Arguments.of("show rps", "SHOW RETENTION POLICIES ON db", Route.MERGE_META),
                Arguments.of("show measurements", "SHOW MEASUREMENTS", Route.MERGE_LIST),
                Arguments.of("show series", "SHOW SERIES FROM cpu", Route.MERGE_LIST),
                Arguments.of("show field keys", "SHOW FIELD KEYS", Route.MERGE_SERIES),
                Arguments.of("show users", "SHOW USERS", Route.ANY_REPLICA),
                Arguments.of("explain", "EXPLAIN SELECT * FROM cpu", Route.READ),
                Arguments.of("tag values cardinality: per measurement", "SHOW TAG VALUES CARDINALITY WITH KEY = \"host\"", Route.MERGE_SERIES),
                Arguments.of("tag key exact cardinality: per measurement", "SHOW TAG KEY EXACT CARDINALITY", Route.MERGE_SERIES),
                Arguments.of("field key cardinality: per measurement", "SHOW FIELD KEY CARDINALITY ON db", Route.MERGE_SERIES),
                Arguments.of("series exact cardinality: per measurement", "SHOW SERIES EXACT CARDINALITY FROM cpu", Route.MERGE_SERIES),
                Arguments.of("series cardinality estimate: database-wide", "SHOW SERIES CARDINALITY", Route.ANY_REPLICA),
                Arguments.of("measurement cardinality: database-wide", "SHOW MEASUREMENT EXACT CARDINALITY", Route.ANY_REPLICA));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void routes_by_kind(String name, String text, Route route) {
        assertThat(Analyzed.one(text).route()).isEqualTo(route);
    }

    @Test
    void list_merges_take_limit_and_offset_out_of_what_backends_get() {
        Statement st = Analyzed.one("SHOW MEASUREMENTS ON db LIMIT 2 OFFSET 1");

        assertThat(st.backendText()).isEqualTo("SHOW MEASUREMENTS ON db");
        assertThat(st.limit()).isEqualTo(2);
        assertThat(st.offset()).isEqualTo(1);
    }

    @Test
    void series_merges_keep_per_measurement_limit_and_take_slimit() {
        Statement st = Analyzed.one("SHOW TAG KEYS LIMIT 5 SLIMIT 1");

        assertThat(st.backendText()).isEqualTo("SHOW TAG KEYS LIMIT 5");
        assertThat(st.limit()).isEqualTo(1);
    }

    @Test
    void rejection_names_the_statement_and_the_reason() {
        assertThat(Analyzed.one("SELECT * INTO x FROM cpu").rejection())
                .isEqualTo("influx-ha: SELECT INTO is not supported through the gateway: it would run on one replica "
                        + "over its own data and make replicas diverge");
    }
}
