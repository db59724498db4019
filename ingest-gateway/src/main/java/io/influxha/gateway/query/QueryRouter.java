package io.influxha.gateway.query;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.influxha.core.KafkaCluster;
import io.influxha.core.config.BackendSettings;
import io.influxha.core.config.DataSize;
import io.influxha.core.config.GatewaySettings;
import io.influxha.core.config.InfluxHaConfig;
import io.influxha.core.config.ShardRules;
import io.influxha.core.config.ShardSettings;
import io.influxha.gateway.query.Statement.Route;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which replicas answer a read and gets their answer. A statement reads the shards owning
 * its measurements (all shards when it cannot tell); each shard is asked through its best replica
 * ({@link Replicas}), falling over to the next one when a replica cannot be reached. Reads of one
 * shard are streamed back untouched; SELECT and EXPLAIN of several are merged as they stream
 * ({@link StreamedRead}); lists and catalog answers are merged whole ({@link WholeRead}).
 */
public final class QueryRouter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(QueryRouter.class);
    private static final long RYW_POLL_MILLIS = 25;
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final ShardRules rules;
    private final Replicas replicas;
    private final ReplicaClient client;
    private final List<AutoCloseable> monitors;
    /** Null without Kafka (tests, no backends): read-your-writes requests are then refused. */
    private volatile ReadYourWrites readYourWrites;
    private volatile DataSize maxMergeSize = GatewaySettings.DEFAULT_MAX_MERGE_SIZE;

    QueryRouter(List<BackendSettings> backends, List<ShardSettings> shards, Replicas replicas, List<AutoCloseable> monitors) {
        this.rules = shards.isEmpty() ? null : ShardRules.of(shards);
        this.replicas = replicas;
        Map<String, BackendSettings> byName = new LinkedHashMap<>();
        backends.forEach(b -> byName.put(b.name(), b));
        this.client = new ReplicaClient(byName);
        this.monitors = monitors;
    }

    /** Routing over the config's shards, with active health checks and Kafka lag tracking started. */
    public static QueryRouter start(InfluxHaConfig config, KafkaCluster kafka) {
        GatewaySettings gw = config.gateway();
        LagTracker lags = new LagTracker(config, kafka, gw.healthCheckInterval());
        Replicas replicas = new Replicas(replicasByShard(config.shards()), gw.maxReadLag(), lags);
        HealthChecker health = new HealthChecker(config.backends(), replicas, gw.healthCheckInterval());
        health.start();
        lags.start();
        QueryRouter router = new QueryRouter(config.backends(), config.shards(), replicas, List.of(health, lags));
        router.maxMergeSize = gw.maxMergeSize();
        router.readYourWrites = new ReadYourWrites(config.kafka().topicPrefix(), ReadYourWrites.OffsetSource.of(lags.offsets()), RYW_POLL_MILLIS);
        return router;
    }

    /** Routing with a given lag source and no background checks: tests drive health themselves. */
    static QueryRouter of(List<BackendSettings> backends, List<ShardSettings> shards, long maxReadLag, Replicas.LagSource lags) {
        return new QueryRouter(backends, shards, new Replicas(replicasByShard(shards), maxReadLag, lags), List.of());
    }

    /** A router without backends: every read answers that no replica is configured. */
    public static QueryRouter none() {
        return of(List.of(), List.of(), 0, (b, s) -> -1);
    }

    Replicas replicas() {
        return replicas;
    }

    void readYourWrites(ReadYourWrites ryw) {
        this.readYourWrites = ryw;
    }

    /**
     * Read-your-writes step 1: waits until the router has committed past the ingest topic's end as
     * of now. Step 2 runs per replica when a request passes {@code rywDeadlineNanos} on.
     *
     * @throws StaleReadException when the deadline passes first, or Kafka is not in use
     */
    public void awaitRouted(long deadlineNanos) {
        ReadYourWrites ryw = requireReadYourWrites();
        try {
            if (!ryw.awaitRouter(deadlineNanos)) {
                throw new StaleReadException("influx-ha: read-your-writes: the router did not route the writes "
                        + "acknowledged before this request in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StaleReadException("influx-ha: read-your-writes: interrupted");
        }
    }

    /**
     * The databases the configured backends have ({@code SHOW DATABASES} on each; a backend that
     * does not answer is skipped). The catalog adopts databases created on backends directly.
     */
    public Set<String> databasesOnBackends() {
        Set<String> names = new java.util.TreeSet<>();
        for (String backend : replicas.backends()) {
            try {
                HttpResponse<InputStream> response = client.query(backend, Map.of("q", "SHOW DATABASES"), Map.of("Accept", "application/json"));
                try (InputStream body = response.body()) {
                    if (response.statusCode() / 100 != 2) {
                        continue;
                    }
                    io.influxha.core.catalog.ShowDatabases.addNames(JSON.readTree(body), names);
                }
            } catch (IOException e) {
                log.debug("event=show_databases_failed backend={} error=\"{}\"", backend, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return names;
    }

    /**
     * The answer of the first backend that has {@code db} to {@code SHOW RETENTION POLICIES ON db}
     * (its first result carries no error); empty when none does. The catalog adopts a database
     * found only on backends with these policies.
     */
    public Optional<JsonNode> retentionPoliciesOnBackends(String db) {
        String q = "SHOW RETENTION POLICIES ON " + io.influxha.core.catalog.Catalog.quote(db);
        for (String backend : replicas.backends()) {
            try {
                HttpResponse<InputStream> response = client.query(backend, Map.of("q", q), Map.of("Accept", "application/json"));
                try (InputStream body = response.body()) {
                    if (response.statusCode() / 100 == 2) {
                        JsonNode answer = JSON.readTree(body);
                        if (!answer.path("results").path(0).has("error")) {
                            return Optional.of(answer);
                        }
                    }
                }
            } catch (IOException e) {
                log.debug("event=show_retention_policies_failed backend={} error=\"{}\"", backend, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return Optional.empty();
    }

    /**
     * Waits until the router has routed every record in the ingest topic now, open transactions
     * included; true at once without Kafka (nothing to order). False when the deadline passed
     * first or the offsets could not be read.
     */
    public boolean routedEverything(long deadlineNanos) {
        ReadYourWrites ryw = readYourWrites;
        if (ryw == null) {
            return true;
        }
        try {
            return ryw.awaitRouterPastOpenTransactions(deadlineNanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (IllegalStateException e) {
            log.warn("event=router_offsets_unreadable error=\"{}\"", e.getMessage());
            return false;
        }
    }

    /** Whether {@link #awaitRouted} can wait (Kafka is in use). */
    public boolean canAwaitRouted() {
        return readYourWrites != null;
    }

    private ReadYourWrites requireReadYourWrites() {
        ReadYourWrites ryw = readYourWrites;
        if (ryw == null) {
            throw new StaleReadException("influx-ha: read-your-writes needs Kafka, and this gateway has none");
        }
        return ryw;
    }

    /** Step 2 for the replica about to be asked; no-op when {@code deadlineNanos} is 0. */
    private void awaitApplied(String backend, String shard, long deadlineNanos) throws InterruptedException {
        if (deadlineNanos != 0 && !requireReadYourWrites().awaitWriter(backend, shard, deadlineNanos)) {
            throw new StaleReadException("influx-ha: read-your-writes: backend " + backend + " had not applied the writes "
                    + "of shard " + shard + " acknowledged before this request in time");
        }
    }

    private static Map<String, List<String>> replicasByShard(List<ShardSettings> shards) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        shards.forEach(s -> m.put(s.name(), s.replicas()));
        return m;
    }

    /** The shards a read statement needs, in configuration order. */
    List<String> shardsOf(Statement st) {
        if (rules == null) {
            return List.of();
        }
        if (st.route() == Route.ANY_REPLICA) {
            return List.of(rules.defaultShard());
        }
        if (st.route() == Route.MERGE_META || st.everyMeasurement()) {
            return rules.shardNames();
        }
        Set<String> owning = new LinkedHashSet<>();
        st.measurements().forEach(m -> owning.add(rules.shardFor(m)));
        return rules.shardNames().stream().filter(owning::contains).toList();
    }

    /**
     * The one shard that can answer every statement of the query whole, so the backend's response
     * can be streamed back untouched; null when some statement is not a read or needs a merge.
     */
    public String singleShard(List<Statement> statements) {
        String shard = null;
        for (Statement st : statements) {
            if (st.route() == Route.DDL || st.route() == Route.REJECT) {
                return null;
            }
            List<String> shards = shardsOf(st);
            if (shards.size() != 1 || (shard != null && !shard.equals(shards.get(0)))) {
                return null;
            }
            shard = shards.get(0);
        }
        return shard;
    }

    /**
     * Sends the request to the best reachable replica of {@code shard}; the caller streams the body.
     *
     * @throws NoReplicaException when no replica could be reached
     */
    public Routed stream(String shard, Map<String, String> params, Map<String, String> headers) {
        return stream(shard, params, headers, 0);
    }

    /** As {@link #stream(String, Map, Map)}, first waiting for the replica to apply earlier writes when {@code rywDeadlineNanos} is not 0. */
    public Routed stream(String shard, Map<String, String> params, Map<String, String> headers, long rywDeadlineNanos) {
        return send(shard, backend -> {
            awaitApplied(backend, shard, rywDeadlineNanos);
            return client.query(backend, params, headers);
        });
    }

    /**
     * Prometheus remote read ({@code POST /api/v1/prom/read}) to the best reachable replica of
     * {@code shard}, body and headers as the client sent them.
     */
    public Routed promRead(String shard, Map<String, String> query, byte[] body, Map<String, String> headers) {
        return send(shard, backend -> client.post(backend, "/api/v1/prom/read", query, body, headers));
    }

    /** Which shard owns a measurement; null when no shard is configured. */
    public String shardFor(String measurement) {
        return rules == null ? null : rules.shardFor(measurement);
    }

    /** Every shard, in configuration order. */
    public List<String> shardNames() {
        return rules == null ? List.of() : rules.shardNames();
    }

    private interface Call {
        HttpResponse<InputStream> send(String backend) throws IOException, InterruptedException;
    }

    private Routed send(String shard, Call call) {
        StringJoiner failures = new StringJoiner("; ");
        for (Replicas.Choice c : replicas.candidates(shard)) {
            try {
                HttpResponse<InputStream> r = call.send(c.backend());
                return new Routed(List.of(c), r);
            } catch (IOException e) {
                replicas.markHealthy(c.backend(), false, e.toString());
                failures.add(c.backend() + ": " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NoReplicaException("influx-ha: interrupted while asking shard " + shard);
            }
        }
        String why = failures.length() == 0 ? "it has no replicas" : failures.toString();
        throw new NoReplicaException("influx-ha: no replica of shard " + shard + " answered (" + why + ")");
    }

    /** One statement's merged result, and the replicas that gave it. */
    public record Answer(MergedResult result, List<Replicas.Choice> answeredBy) {
        public String backendHeader() {
            return Routed.header(answeredBy, false);
        }

        public String lagHeader() {
            return Routed.header(answeredBy, true);
        }
    }

    /**
     * Runs one read statement on one replica of each shard it needs and merges their whole answers,
     * within {@code gateway.max_merge_size} ({@link WholeRead}). Failures become the statement's
     * error, as InfluxDB reports a failed statement. SELECT and EXPLAIN are better {@link #read}.
     *
     * @param params the client's parameters without {@code q}, {@code chunked} and {@code chunk_size}
     * @throws BackendRefusedException when a backend answers with a non-200 status
     */
    public Answer run(Statement st, Map<String, String> params, Map<String, String> headers) {
        return run(st, params, headers, 0);
    }

    /** As {@link #run(Statement, Map, Map)}, with read-your-writes when {@code rywDeadlineNanos} is not 0. */
    public Answer run(Statement st, Map<String, String> params, Map<String, String> headers, long rywDeadlineNanos) {
        return WholeRead.run(this, st, shardsOf(st), params, headers, rywDeadlineNanos, maxMergeSize);
    }

    /**
     * Opens a SELECT or EXPLAIN on one replica of each shard it needs, to be merged while it is
     * written to the client ({@link StreamedRead}).
     *
     * @param chunkSize rows per piece asked of each backend
     * @throws BackendRefusedException when a backend answers with a non-200 status
     */
    public StreamedRead read(Statement st, Map<String, String> params, Map<String, String> headers, long rywDeadlineNanos,
            int chunkSize) {
        return StreamedRead.open(this, st, shardsOf(st), params, headers, rywDeadlineNanos, chunkSize);
    }

    /** What {@code shard}'s answer keeps of {@code st} when {@code shardCount} shards answer it. */
    ShardFilter filter(Statement st, String shard, int shardCount) {
        return shardCount > 1 ? ShardFilter.of(st, shard, rules) : ShardFilter.everything();
    }

    /** {@code gateway.max_merge_size}: bytes a statement merged whole may read from backends. */
    public DataSize maxMergeSize() {
        return maxMergeSize;
    }

    void maxMergeSize(DataSize size) {
        this.maxMergeSize = size;
    }

    @Override
    public void close() {
        for (AutoCloseable m : monitors) {
            try {
                m.close();
            } catch (Exception e) {
                log.warn("event=router_close_failed error=\"{}\"", e.toString());
            }
        }
    }
}
