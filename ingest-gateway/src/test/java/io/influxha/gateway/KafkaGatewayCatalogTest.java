package io.influxha.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.influxha.core.catalog.Catalog;
import io.influxha.core.catalog.CatalogEntry;
import io.influxha.core.catalog.ShowRetentionPolicies.Policy;
import io.influxha.gateway.GatewayCatalog.Answer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The gateway's catalog logic over a fake tail, a fake catalog topic and fake backends. */
class KafkaGatewayCatalogTest {
    private static final long HOUR = 3_600_000_000_000L;
    private static final String INC = "inc-1";

    private final FakeReader reader = new FakeReader();
    private final List<CatalogEntry> published = new CopyOnWriteArrayList<>();
    private final FakeBackends backends = new FakeBackends();
    private volatile boolean publishFails;
    private final KafkaGatewayCatalog catalog = new KafkaGatewayCatalog(reader, new KafkaGatewayCatalog.Recorder() {
        @Override
        public void publish(List<CatalogEntry> entries, Duration timeout) {
            if (publishFails) {
                throw new IllegalStateException("not acknowledged");
            }
            published.addAll(entries);
        }

        @Override
        public void close() {}
    }, backends, Duration.ofSeconds(1), Duration.ofSeconds(5));

    private static long deadline() {
        return System.nanoTime() + 5_000_000_000L;
    }

    @Test
    void a_live_database_and_a_named_policy_are_answered_from_memory_without_reading_to_the_end() {
        reader.catalog.apply(CatalogEntry.database("telegraf", "CREATE DATABASE telegraf", "autogen", INC));

        assertThat(catalog.database("telegraf", deadline())).isEqualTo(Answer.EXISTS);
        assertThat(catalog.retentionPolicy("telegraf", "autogen", deadline()).answer()).isEqualTo(Answer.EXISTS);
        assertThat(reader.awaits).hasValue(0);
    }

    @Test
    void the_default_a_write_without_rp_is_resolved_to_rests_on_the_catalog_read_to_a_recent_end() {
        reader.catalog.apply(CatalogEntry.database("telegraf", "CREATE DATABASE telegraf", "autogen", INC));

        assertThat(catalog.retentionPolicy("telegraf", "", deadline())).isEqualTo(new GatewayCatalog.Policy(Answer.EXISTS, "autogen"));
        assertThat(reader.awaits).as("another gateway may have changed the default a moment ago").hasValue(1);
    }

    @Test
    void an_unknown_database_is_not_found_once_read_to_a_recent_end() {
        assertThat(catalog.database("nodb", deadline())).isEqualTo(Answer.NOT_FOUND);
        assertThat(reader.awaits).hasValue(1);
        assertThat(reader.maxAgeAsked).isEqualTo(Duration.ofSeconds(1).toNanos());
    }

    @Test
    void an_unknown_policy_is_not_found_with_the_name_the_write_used() {
        reader.catalog.apply(CatalogEntry.database("telegraf", "CREATE DATABASE telegraf", "autogen", INC));

        assertThat(catalog.retentionPolicy("telegraf", "nope", deadline())).isEqualTo(new GatewayCatalog.Policy(Answer.NOT_FOUND, "nope"));
        assertThat(catalog.retentionPolicy("telegraf", "Autogen", deadline()).answer()).isEqualTo(Answer.NOT_FOUND);
    }

    @Test
    void an_empty_rp_names_the_default_which_stays_after_its_policy_was_dropped() {
        reader.catalog.apply(CatalogEntry.database("telegraf", "CREATE DATABASE telegraf", "autogen", INC));
        Recorded.record(catalog, "DROP RETENTION POLICY autogen ON telegraf", Duration.ofSeconds(5));

        assertThat(catalog.retentionPolicy("telegraf", "", deadline())).isEqualTo(new GatewayCatalog.Policy(Answer.NOT_FOUND, "autogen"));
    }

    @Test
    void a_policy_another_gateway_recorded_is_found_once_the_tail_has_read_it() {
        reader.catalog.apply(CatalogEntry.database("telegraf", "CREATE DATABASE telegraf", "autogen", INC));
        reader.onAwait = () -> reader.catalog.apply(CatalogEntry.retentionPolicy("telegraf", "week",
                List.of("CREATE RETENTION POLICY week ON telegraf DURATION 7d REPLICATION 1"), INC));

        assertThat(catalog.retentionPolicy("telegraf", "week", deadline()).answer()).isEqualTo(Answer.EXISTS);
    }

    @Test
    void a_database_another_gateway_recorded_is_found_once_the_tail_has_read_it() {
        reader.onAwait = () -> reader.catalog.apply(CatalogEntry.database("fresh", "CREATE DATABASE fresh", "autogen"));

        assertThat(catalog.database("fresh", deadline())).isEqualTo(Answer.EXISTS);
        assertThat(backends.databaseAsks).hasValue(0);
    }

    @Test
    void a_catalog_that_cannot_be_read_to_its_end_is_unknown_never_not_found() {
        reader.readable = false;
        reader.catalog.apply(CatalogEntry.database("telegraf", "CREATE DATABASE telegraf", "autogen", INC));

        assertThat(catalog.database("nodb", deadline())).isEqualTo(Answer.UNKNOWN);
        assertThat(catalog.retentionPolicy("telegraf", "nope", deadline()).answer()).isEqualTo(Answer.UNKNOWN);
    }

    @Test
    void what_this_gateway_records_is_seen_at_once() {
        Recorded.record(catalog, "CREATE DATABASE mine", Duration.ofSeconds(5));
        Recorded.record(catalog, "CREATE RETENTION POLICY week ON mine DURATION 7d REPLICATION 1", Duration.ofSeconds(5));
        reader.awaits.set(0);

        assertThat(catalog.database("mine", deadline())).isEqualTo(Answer.EXISTS);
        assertThat(catalog.retentionPolicy("mine", "week", deadline()).answer()).isEqualTo(Answer.EXISTS);
        assertThat(reader.awaits).as("answered from memory").hasValue(0);
        assertThat(published).extracting(CatalogEntry::key).containsExactly("db/mine", "rp/mine/week");
    }

    @Test
    void a_database_found_only_on_a_backend_is_adopted_with_every_policy_and_its_default() {
        backends.databases = Set.of("legacy");
        backends.policies.put("legacy", List.of(new Policy("week", 168 * HOUR, 24 * HOUR, 1, true),
                new Policy("day", 24 * HOUR, HOUR, 1, false)));

        assertThat(catalog.database("legacy", deadline())).isEqualTo(Answer.EXISTS);

        assertThat(published).extracting(CatalogEntry::key).containsExactly("db/legacy", "rp/legacy/day");
        Catalog c = reader.catalog;
        assertThat(c.writePolicy("legacy", "")).isEqualTo("week");
        assertThat(c.recreate("legacy")).containsExactly(
                "CREATE DATABASE \"legacy\" WITH DURATION 168h REPLICATION 1 SHARD DURATION 24h NAME \"week\"",
                "CREATE RETENTION POLICY \"day\" ON \"legacy\" DURATION 24h REPLICATION 1 SHARD DURATION 1h");
        assertThat(catalog.retentionPolicy("legacy", "", deadline()).answer()).isEqualTo(Answer.EXISTS);
        assertThat(catalog.retentionPolicy("legacy", "autogen", deadline()).answer()).as("the backend has none").isEqualTo(Answer.NOT_FOUND);
    }

    @Test
    void a_database_dropped_through_influx_ha_is_never_adopted_back_from_a_backend() {
        reader.catalog.apply(CatalogEntry.droppedDatabase("gone"));
        backends.databases = Set.of("gone");

        assertThat(catalog.database("gone", deadline())).isEqualTo(Answer.NOT_FOUND);
        assertThat(published).isEmpty();
        assertThat(backends.databaseAsks).hasValue(0);
    }

    @Test
    void a_burst_of_writes_to_unknown_databases_asks_the_backends_once() {
        for (int i = 0; i < 200; i++) {
            assertThat(catalog.database("nodb" + (i % 7), deadline())).isEqualTo(Answer.NOT_FOUND);
        }

        assertThat(backends.databaseAsks).hasValue(1);
        assertThat(catalog.backendAsks()).isEqualTo(1);
    }

    @Test
    void backends_that_do_not_answer_before_the_deadline_make_an_unknown_database_unknown_not_not_found() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        backends.onAsk = () -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        try {
            assertThat(catalog.database("nodb", System.nanoTime() + 50_000_000L)).isEqualTo(Answer.UNKNOWN);
        } finally {
            release.countDown();
        }
        assertThat(catalog.database("nodb", deadline())).as("the same round, answered").isEqualTo(Answer.NOT_FOUND);
        assertThat(backends.databaseAsks).hasValue(1);
    }

    @Test
    void a_failed_adoption_is_unknown_and_not_tried_again_at_once() {
        backends.databases = Set.of("legacy");
        backends.policies.put("legacy", List.of(new Policy("autogen", 0, 168 * HOUR, 1, true)));
        publishFails = true;

        assertThat(catalog.database("legacy", deadline())).isEqualTo(Answer.UNKNOWN);
        assertThat(catalog.database("legacy", deadline())).isEqualTo(Answer.UNKNOWN);

        assertThat(backends.policyAsks).hasValue(1);
        assertThat(reader.catalog.knows("legacy")).isFalse();
    }

    @Test
    void a_database_whose_policies_no_backend_answers_is_unknown_not_adopted_with_a_guess() {
        backends.databases = Set.of("legacy");

        assertThat(catalog.database("legacy", deadline())).isEqualTo(Answer.UNKNOWN);
        assertThat(published).isEmpty();
    }

    @Test
    void a_statement_is_recorded_against_the_catalog_read_to_an_end_observed_after_it_arrived() {
        reader.onAwait = () -> reader.catalog.apply(CatalogEntry.database("telegraf", "CREATE DATABASE telegraf", "autogen", INC));

        Recorded.record(catalog, "DROP DATABASE telegraf", Duration.ofSeconds(5));

        assertThat(reader.maxAgeAsked).as("what another gateway, or this one before a restart, committed is seen").isZero();
        assertThat(published).anySatisfy(e -> assertThat(e.incarnation()).isEqualTo(INC))
                .as("the DROP ends the incarnation it was sent after").isNotEmpty();
    }

    @Test
    void a_statement_is_refused_with_503_and_nothing_published_when_the_catalog_cannot_be_read_to_its_end() {
        reader.readable = false;

        assertThatThrownBy(() -> Recorded.record(catalog, "CREATE DATABASE fresh", Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(RejectedRequestException.class, e -> assertThat(e.status()).isEqualTo(503))
                .hasMessageContaining("catalog");
        assertThat(published).isEmpty();
    }

    @Test
    void a_create_that_starts_a_new_incarnation_waits_until_everything_published_before_it_was_routed() {
        List<String> order = new CopyOnWriteArrayList<>();
        catalog.orderNewIncarnations(deadline -> order.add("routed") || true);
        reader.catalog.apply(CatalogEntry.database("telegraf", "CREATE DATABASE telegraf", "autogen", INC));

        recordNoting("CREATE DATABASE telegraf", order);
        recordNoting("CREATE RETENTION POLICY week ON telegraf DURATION 7d REPLICATION 1", order);
        recordNoting("CREATE RETENTION POLICY week ON telegraf DURATION 7d REPLICATION 1", order);
        recordNoting("DROP RETENTION POLICY week ON telegraf", order);
        recordNoting("CREATE RETENTION POLICY week ON telegraf DURATION 7d REPLICATION 1", order);
        recordNoting("DROP RETENTION POLICY never ON telegraf", order);
        recordNoting("CREATE RETENTION POLICY never ON telegraf DURATION 7d REPLICATION 1", order);
        recordNoting("DROP DATABASE telegraf", order);
        recordNoting("CREATE DATABASE telegraf", order);
        recordNoting("CREATE DATABASE brandnew", order);

        assertThat(order).as("what exists, and a name never used, wait for nothing; a name dropped (even when it did not exist) does")
                .containsExactly("published", "published", "published", "published", "routed", "published", "published",
                        "routed", "published", "published", "routed", "published", "published");
    }

    @Test
    void a_create_that_starts_a_new_incarnation_is_refused_with_503_when_the_router_has_not_routed_what_came_before() {
        catalog.orderNewIncarnations(deadline -> false);
        reader.catalog.apply(CatalogEntry.database("telegraf", "CREATE DATABASE telegraf", "autogen", INC));
        Recorded.record(catalog, "DROP DATABASE telegraf", Duration.ofSeconds(5));
        published.clear();

        assertThatThrownBy(() -> Recorded.record(catalog, "CREATE DATABASE telegraf", Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(RejectedRequestException.class, e -> assertThat(e.status()).isEqualTo(503))
                .hasMessageContaining("router");
        assertThat(published).isEmpty();
        assertThat(reader.catalog.presence("telegraf")).isNotEqualTo(Catalog.Presence.LIVE);
    }

    /** Records a statement whose publication only notes "published" in {@code order}. */
    private void recordNoting(String statement, List<String> order) {
        io.influxha.gateway.influxql.ParsedStatement parsed = io.influxha.gateway.influxql.InfluxQl.parse(statement, Map.of()).get(0);
        catalog.record(parsed.statement(), parsed.text(), entries -> order.add("published"));
    }

    /** The catalog as read so far; awaiting its end runs {@link #onAwait} (the tail reading) and answers {@link #readable}. */
    static final class FakeReader implements KafkaGatewayCatalog.Reader {
        final Catalog catalog = new Catalog();
        final AtomicInteger awaits = new AtomicInteger();
        volatile boolean readable = true;
        volatile Runnable onAwait = () -> { };
        volatile long maxAgeAsked = -1;

        @Override
        public Catalog catalog() {
            return catalog;
        }

        @Override
        public boolean awaitReadToRecentEnd(long maxAgeNanos, long deadlineNanos) {
            awaits.incrementAndGet();
            maxAgeAsked = maxAgeNanos;
            onAwait.run();
            return readable;
        }

        @Override
        public long endLookups() {
            return 0;
        }

        @Override
        public void close() {}
    }

    static final class FakeBackends implements BackendSchema {
        volatile Set<String> databases = Set.of();
        volatile Runnable onAsk = () -> { };
        final Map<String, List<Policy>> policies = new ConcurrentHashMap<>();
        final AtomicInteger databaseAsks = new AtomicInteger();
        final AtomicInteger policyAsks = new AtomicInteger();

        @Override
        public Set<String> databases() {
            databaseAsks.incrementAndGet();
            onAsk.run();
            return databases;
        }

        @Override
        public Optional<List<Policy>> retentionPolicies(String db) {
            policyAsks.incrementAndGet();
            return Optional.ofNullable(policies.get(db));
        }
    }
}
