package io.influxha.gateway;

import io.influxha.core.KafkaCluster;
import io.influxha.core.catalog.CatalogEntry;
import io.influxha.core.config.InfluxHaConfig;
import io.influxha.gateway.influxql.Statement;
import java.util.List;
import java.util.function.Consumer;

/**
 * The gateway's view of the catalog topic: which databases and retention policies exist (for
 * writes, checked as influxd checks them) and where accepted DDL is recorded. {@link #none()}
 * serves tests without Kafka: every database and policy exists.
 */
interface GatewayCatalog extends AutoCloseable {
    /** What a write may rely on. */
    enum Answer { EXISTS, NOT_FOUND, UNKNOWN }

    /** The answer about the policy a write names, and that policy's name (an empty rp resolved to the database's default). */
    record Policy(Answer answer, String name) {}

    /**
     * Whether {@code db} exists. A "not found" rests on the catalog read up to a recent end
     * (waiting at most until {@code deadlineNanos}); UNKNOWN when that could not be done in time.
     */
    Answer database(String db, long deadlineNanos);

    /**
     * Whether the database {@code db} has the policy a write with {@code rp} names: {@code rp}, or
     * its default when {@code rp} is empty. Exact name. "Not found" rests on the catalog read up to
     * a recent end, as for {@link #database}.
     */
    Policy retentionPolicy(String db, String rp, long deadlineNanos);

    /**
     * Publishes an accepted DDL statement with what it changes in the catalog: computes the
     * catalog entries, has {@code publish} write the statement and them in one transaction, then
     * applies them here, so this gateway's next request sees them. One statement at a time.
     *
     * @param text the statement as published, kept to recreate the definition
     * @param publish writes the statement and the given entries, all or none (throws when it could not)
     */
    void record(Statement statement, String text, Consumer<List<CatalogEntry>> publish);

    @Override
    default void close() {}

    /**
     * How a statement that starts a new incarnation of a database or policy waits until the router
     * has routed everything published before it: {@code deadlineNanos} → whether it did in time.
     */
    default void orderNewIncarnations(java.util.function.LongPredicate routedEverything) {}

    /** The incarnation of live database {@code db} as this catalog knows it; "" when none or unknown. */
    default String incarnation(String db) {
        return "";
    }

    /** The incarnation of live policy {@code rp} of {@code db} as this catalog knows it; "" when none or unknown. */
    default String policyIncarnation(String db, String rp) {
        return "";
    }

    /** A live policy as the catalog records it: the statements that made and altered it, and whether it is the default. */
    record ExistingPolicy(List<String> statements, boolean isDefault) {}

    /** The live policy {@code rp} of database {@code db} (exact name), or null when the catalog has none. */
    default ExistingPolicy existingPolicy(String db, String rp) {
        return null;
    }

    /**
     * The last DDL statement of each gateway instance that committed one most recently, as far as
     * this catalog has read ({@code ddl_prev} of this gateway's next statement); empty without one.
     */
    default List<String> lastStatementsOfGateways() {
        return List.of();
    }

    static GatewayCatalog none() {
        return new GatewayCatalog() {
            @Override
            public Answer database(String db, long deadlineNanos) {
                return Answer.EXISTS;
            }

            @Override
            public Policy retentionPolicy(String db, String rp, long deadlineNanos) {
                return new Policy(Answer.EXISTS, rp);
            }

            @Override
            public void record(Statement statement, String text, Consumer<List<CatalogEntry>> publish) {
                publish.accept(List.of());
            }
        };
    }

    /**
     * The catalog topic, tailed in memory. Databases that only the backends have are adopted, with
     * their retention policies ({@link KafkaGatewayCatalog}).
     */
    static GatewayCatalog kafka(InfluxHaConfig config, KafkaCluster kafka, BackendSchema backends) {
        return KafkaGatewayCatalog.start(config, kafka, backends, KafkaGatewayCatalog.NEGATIVE_ANSWER_MAX_AGE);
    }
}
