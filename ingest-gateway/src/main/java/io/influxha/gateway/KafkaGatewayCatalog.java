package io.influxha.gateway;

import io.influxha.core.KafkaCluster;
import io.influxha.core.catalog.AdoptedDatabase;
import io.influxha.core.catalog.Catalog;
import io.influxha.core.catalog.CatalogEntry;
import io.influxha.core.catalog.CatalogPublisher;
import io.influxha.core.catalog.CatalogTail;
import io.influxha.core.catalog.ShowRetentionPolicies;
import io.influxha.core.config.InfluxHaConfig;
import io.influxha.core.metrics.Metrics;
import io.influxha.gateway.influxql.Statement;
import io.influxha.gateway.query.CatalogChanges;
import io.micrometer.core.instrument.FunctionCounter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalog topic as the gateway reads it: answers from the catalog tailed in memory, so a write
 * to an existing database and policy costs nothing, and a refused one costs no Kafka round trip
 * of its own either. A "not found" rests on the tail having read up to an end of the topic observed
 * no more than {@link #NEGATIVE_ANSWER_MAX_AGE} before the request ({@link CatalogTail#awaitReadToRecentEnd}):
 * an entry another gateway recorded earlier than that is always seen; a later one is seen as soon
 * as the tail has fetched it, normally within milliseconds. Observations of the end are shared by
 * all requests, at most one lookup in flight, so a burst of refused writes costs at most one
 * offset lookup per window. What this gateway records is applied to its own view at once.
 * <p>
 * A database name the catalog never knew (live or dropped) that a backend has is adopted, with
 * every retention policy it has there and its default ({@link AdoptedDatabase}): databases created
 * on the backends before influx-ha keep working. The backends are asked at most every
 * {@link #ADOPT_EVERY_NANOS} ns, only for names the catalog does not know, no request waiting for
 * them past its deadline ({@link BackendDatabases}); a failed adoption is not retried for as long.
 */
final class KafkaGatewayCatalog implements GatewayCatalog {
    private static final Logger log = LoggerFactory.getLogger(KafkaGatewayCatalog.class);
    static final Duration NEGATIVE_ANSWER_MAX_AGE = Duration.ofSeconds(1);
    static final long ADOPT_EVERY_NANOS = 5_000_000_000L;

    /** The catalog as read so far, and how to wait for it to be read up to a recent end ({@link CatalogTail}). */
    interface Reader extends AutoCloseable {
        Catalog catalog();

        boolean awaitReadToRecentEnd(long maxAgeNanos, long deadlineNanos) throws InterruptedException;

        /** Offset lookups made for callers. */
        long endLookups();

        @Override
        void close();
    }

    /** Writes catalog entries, acknowledged ({@link CatalogPublisher}). */
    interface Recorder extends AutoCloseable {
        /** @throws IllegalStateException when Kafka did not acknowledge them within {@code timeout} */
        void publish(List<CatalogEntry> entries, Duration timeout);

        @Override
        void close();
    }

    private final Reader reader;
    private final Recorder recorder;
    private final BackendSchema backends;
    private final BackendDatabases onBackends;
    private final long negativeMaxAgeNanos;
    private final Duration publishTimeout;
    private final Map<String, Long> adoptionFailedAt = new ConcurrentHashMap<>();
    private volatile LongPredicate routedEverything = deadlineNanos -> true;

    KafkaGatewayCatalog(Reader reader, Recorder recorder, BackendSchema backends, Duration negativeMaxAge, Duration publishTimeout) {
        this.reader = reader;
        this.recorder = recorder;
        this.backends = backends;
        this.onBackends = new BackendDatabases(backends::databases, ADOPT_EVERY_NANOS);
        this.negativeMaxAgeNanos = negativeMaxAge.toNanos();
        this.publishTimeout = publishTimeout;
    }

    static KafkaGatewayCatalog start(InfluxHaConfig config, KafkaCluster kafka, BackendSchema backends, Duration negativeMaxAge) {
        CatalogTail tail = CatalogTail.start(kafka, "gateway", () -> {});
        CatalogPublisher publisher = CatalogPublisher.create(kafka, "gateway");
        Reader reader = new Reader() {
            @Override
            public Catalog catalog() {
                return tail.catalog();
            }

            @Override
            public boolean awaitReadToRecentEnd(long maxAgeNanos, long deadlineNanos) throws InterruptedException {
                return tail.awaitReadToRecentEnd(maxAgeNanos, deadlineNanos);
            }

            @Override
            public long endLookups() {
                return tail.endLookups();
            }

            @Override
            public void close() {
                tail.close();
            }
        };
        Recorder recorder = new Recorder() {
            @Override
            public void publish(List<CatalogEntry> entries, Duration timeout) {
                publisher.publish(entries, timeout);
            }

            @Override
            public void close() {
                publisher.close();
            }
        };
        KafkaGatewayCatalog catalog = new KafkaGatewayCatalog(reader, recorder, backends, negativeMaxAge, config.gateway().publishTimeout());
        FunctionCounter.builder("influxha_gateway_catalog_end_lookups", catalog, KafkaGatewayCatalog::endLookups)
                .description("Lookups of the catalog topic's end made before refusing a write (the tail's own checks not counted)")
                .register(Metrics.registry());
        FunctionCounter.builder("influxha_gateway_backend_database_lookups", catalog, KafkaGatewayCatalog::backendAsks)
                .description("SHOW DATABASES rounds on the backends, for adopting databases the catalog does not know")
                .register(Metrics.registry());
        return catalog;
    }

    @Override
    public Answer database(String db, long deadlineNanos) {
        Catalog c = reader.catalog();
        if (c.presence(db) == Catalog.Presence.LIVE) {
            return Answer.EXISTS;
        }
        if (!readToRecentEnd(deadlineNanos)) {
            return Answer.UNKNOWN;
        }
        if (c.presence(db) == Catalog.Presence.LIVE) {
            return Answer.EXISTS;
        }
        if (c.knows(db)) {
            return Answer.NOT_FOUND; // dropped through influx-ha: no backend's memory brings it back
        }
        Optional<Set<String>> listed = onBackends.get(deadlineNanos);
        if (listed.isEmpty()) {
            return Answer.UNKNOWN; // the backends did not answer in time: whether they have it cannot be told
        }
        return listed.get().contains(db) ? adopt(db) : Answer.NOT_FOUND;
    }

    @Override
    public Policy retentionPolicy(String db, String rp, long deadlineNanos) {
        Catalog c = reader.catalog();
        String name = c.writePolicy(db, rp);
        if (rp.isEmpty() && !readToRecentEnd(deadlineNanos)) {
            // The default names the policy the records will carry: one another gateway changed
            // before this write was sent must be known, as for a "not found" (shared observations).
            return new Policy(Answer.UNKNOWN, name);
        }
        name = c.writePolicy(db, rp);
        if (c.hasRetentionPolicy(db, name)) {
            return new Policy(Answer.EXISTS, name);
        }
        if (!readToRecentEnd(deadlineNanos)) {
            return new Policy(Answer.UNKNOWN, name);
        }
        name = c.writePolicy(db, rp);
        return new Policy(c.hasRetentionPolicy(db, name) ? Answer.EXISTS : Answer.NOT_FOUND, name);
    }

    /**
     * Records a statement, one at a time per gateway: against the catalog read to an end observed
     * after the call (what another gateway, or this one before a restart, committed is seen, so a
     * DROP names the incarnation it follows); a statement that makes again a database or policy
     * the catalog knows (a new incarnation) is published only once the router has routed everything before it, so
     * in every shard partition its copies, and the writes that follow them, come after every copy
     * of the DROP that ended the earlier one (docs/ddl-through-the-log.md).
     *
     * @throws RejectedRequestException 503 when either wait passes the publish timeout; nothing is published
     */
    @Override
    public synchronized void record(Statement statement, String text, Consumer<List<CatalogEntry>> publish) {
        long deadline = System.nanoTime() + publishTimeout.toNanos();
        if (!readToEndSince(0, deadline)) {
            throw notPublished("the catalog could not be read to its end");
        }
        Catalog c = reader.catalog();
        List<CatalogEntry> changes = CatalogChanges.of(statement, text, c);
        if (startsIncarnation(changes, c) && !routedEverything.test(deadline)) {
            throw notPublished("the router has not routed the statements before this one, and a database or retention "
                    + "policy made again must come after them on every replica,");
        }
        publish.accept(changes);
        changes.forEach(c::apply); // this gateway's next request sees it at once
    }

    /** 503: {@code why} within publish_timeout, so nothing was published. */
    private RejectedRequestException notPublished(String why) {
        return RejectedRequestException.unavailable("influx-ha: " + why + " within publish_timeout ("
                + io.influxha.core.config.Durations.format(publishTimeout) + "); nothing was published, send the statement again", null);
    }

    /** Where a statement starting a new incarnation waits for the router ({@code deadlineNanos} → routed in time). */
    @Override
    public void orderNewIncarnations(LongPredicate routedEverything) {
        this.routedEverything = routedEverything;
    }

    /**
     * Whether {@code changes} make again a database, or a policy, that {@code c} does not have live
     * but knows (dropped, or named by a DROP): a new incarnation that a DROP may precede. A name
     * the catalog never knew has no DROP before it (a DROP, even of nothing, records its name in
     * the same transaction), so its CREATE waits for nothing.
     */
    static boolean startsIncarnation(List<CatalogEntry> changes, Catalog c) {
        for (CatalogEntry e : changes) {
            if (e.dropped()) {
                continue;
            }
            if (e.kind() == CatalogEntry.Kind.DATABASE && c.knows(e.db())
                    && (c.presence(e.db()) != Catalog.Presence.LIVE
                            || !e.incarnation().equals(c.database(e.db()).map(CatalogEntry::incarnation).orElse("")))) {
                return true;
            }
            if (e.kind() == CatalogEntry.Kind.RETENTION_POLICY && !e.policyIncarnation().isEmpty() && c.knowsPolicy(e.db(), e.rp())
                    && !e.policyIncarnation().equals(c.policyIncarnation(e.db(), e.rp()))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String incarnation(String db) {
        return reader.catalog().database(db).map(CatalogEntry::incarnation).orElse("");
    }

    @Override
    public String policyIncarnation(String db, String rp) {
        return reader.catalog().policyIncarnation(db, rp);
    }

    @Override
    public ExistingPolicy existingPolicy(String db, String rp) {
        Catalog c = reader.catalog();
        CatalogEntry d = c.database(db).orElse(null);
        if (d == null || rp.isEmpty() || !c.hasRetentionPolicy(db, rp)) {
            return null;
        }
        List<String> statements = c.retentionPolicy(db, rp).map(CatalogEntry::statements).orElse(List.of(d.createStatement()));
        return new ExistingPolicy(statements, rp.equals(d.defaultRp()));
    }

    @Override
    public List<String> lastStatementsOfGateways() {
        return reader.catalog().lastStatementsOfGateways(DdlTransactions.MAX_PREDECESSORS);
    }

    /** Writes catalog entries outside a DDL transaction, as adoption does (tests record definitions this way). */
    void publishCatalogOnly(List<CatalogEntry> entries, Duration timeout) {
        recorder.publish(entries, timeout);
    }

    /** Offset lookups of the catalog topic's end made for requests (not the tail's own checks). */
    long endLookups() {
        return reader.endLookups();
    }

    /** How many times the backends were asked which databases they have. */
    long backendAsks() {
        return onBackends.asks();
    }

    private boolean readToRecentEnd(long deadlineNanos) {
        return readToEndSince(negativeMaxAgeNanos, deadlineNanos);
    }

    private boolean readToEndSince(long maxAgeNanos, long deadlineNanos) {
        try {
            return reader.awaitReadToRecentEnd(maxAgeNanos, deadlineNanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Records {@code db}, which a backend has and the catalog never knew, with the policies it has there. */
    private synchronized Answer adopt(String db) {
        Catalog c = reader.catalog();
        if (c.knows(db)) {
            return c.presence(db) == Catalog.Presence.LIVE ? Answer.EXISTS : Answer.NOT_FOUND;
        }
        Long failedAt = adoptionFailedAt.get(db);
        if (failedAt != null && System.nanoTime() - failedAt < ADOPT_EVERY_NANOS) {
            return Answer.UNKNOWN;
        }
        try {
            Optional<List<ShowRetentionPolicies.Policy>> policies = backends.retentionPolicies(db);
            if (policies.isEmpty()) {
                throw new IllegalStateException("no backend answered SHOW RETENTION POLICIES ON " + Catalog.quote(db));
            }
            List<CatalogEntry> entries = AdoptedDatabase.entries(db, policies.get());
            recorder.publish(entries, publishTimeout);
            entries.forEach(c::apply);
            adoptionFailedAt.remove(db);
            log.info("event=database_adopted db={} retention_policies={} default_rp={}", db,
                    policies.get().stream().map(ShowRetentionPolicies.Policy::name).toList(), c.writePolicy(db, ""));
            return Answer.EXISTS;
        } catch (RuntimeException e) {
            adoptionFailedAt.put(db, System.nanoTime());
            log.warn("event=database_adoption_failed db={} error=\"{}\"", db, e.getMessage());
            return Answer.UNKNOWN;
        }
    }

    @Override
    public void close() {
        onBackends.close();
        reader.close();
        recorder.close();
    }
}
