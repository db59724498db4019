package io.influxha.router;

import io.influxha.core.KafkaCluster;
import io.influxha.core.StartupException;
import io.influxha.core.config.InfluxHaConfig;
import io.influxha.core.config.ShardRules;
import io.influxha.core.health.RoleHealth;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KafkaStreams.State;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running router: a Kafka Streams app (exactly_once_v2) from the ingest topic to the shard
 * topics and the dead-letter topic. A stream thread that fails stops this instance (its open
 * transaction is aborted, nothing is half-written); {@link #awaitTermination()} then reports it so
 * the process can exit non-zero and be restarted.
 */
public final class Router implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Router.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaStreams streams;
    /** The Streams app's own meters, removed at close. */
    private volatile io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics streamsMetrics;
    private final RouterCounters counters;
    private final CountDownLatch running = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    /** Completes once the Streams app stopped, by {@link #close()} or by failing; {@link #failure()} tells which. */
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    private final RoleHealth health = RoleHealth.starting("router", "router");
    private volatile boolean closing;
    private volatile Throwable failure;

    private Router(KafkaStreams streams, RouterCounters counters) {
        this.streams = streams;
        this.counters = counters;
    }

    /**
     * Reads the shard topics' partition counts, starts the Streams app and waits until it runs.
     *
     * @throws StartupException when Kafka cannot be reached or the app does not reach RUNNING
     */
    public static Router start(InfluxHaConfig config, KafkaCluster kafka) {
        Map<String, Integer> partitions = PartitionCounts.read(config, kafka);
        RouterCounters counters = new RouterCounters();
        var topology = RouterMain.buildTopology(config.kafka().topicPrefix(),
                ShardRules.of(config), partitions, counters);
        Router router = new Router(new KafkaStreams(topology, StreamsProperties.of(config, kafka)), counters);
        RouterMeters.register(counters);
        router.streamsMetrics = RouterMeters.bind(router.streams);
        router.run(START_TIMEOUT);
        log.info("event=router_started bootstrap={} shard_partitions={}", kafka.bootstrapServers(), partitions);
        return router;
    }

    private void run(Duration timeout) {
        streams.setStateListener((now, before) -> {
            log.info("event=router_state state={} previous={}", now, before);
            if (now == State.RUNNING) {
                running.countDown();
                health.running();
            } else if (now == State.ERROR || now == State.NOT_RUNNING) {
                running.countDown();
                onStopped();
            }
        });
        ThreadFailures failures = new ThreadFailures(System::nanoTime);
        streams.setUncaughtExceptionHandler(e -> {
            StreamThreadExceptionResponse response = failures.decide(e);
            if (response == StreamThreadExceptionResponse.REPLACE_THREAD) {
                log.warn("event=router_thread_failed action=replace_thread error=\"{}\"", e.toString(), e);
                return response;
            }
            failure = e;
            log.error("event=router_failed action=stop error=\"{}\"", e.toString(), e);
            return response;
        });
        streams.start();
        boolean reached = await(running, timeout);
        if (!reached || !streams.state().isRunningOrRebalancing()) {
            State state = streams.state();
            close();
            throw new StartupException("router did not reach RUNNING within " + timeout.toSeconds() + "s (state "
                    + state + (failure == null ? "" : ", error: " + failure) + ")", failure);
        }
    }

    /** Blocks until this router stops; returns true when it stopped because it failed. */
    public boolean awaitTermination() throws InterruptedException {
        stopped.await();
        return failure().isPresent();
    }

    /** Completes once the router stopped, by {@link #close()} or by failing. */
    public CompletableFuture<Void> terminated() {
        return terminated;
    }

    /** Why the router stopped by itself (its stream threads failed), or empty while it runs or after {@link #close()}. */
    public java.util.Optional<String> failure() {
        Throwable f = failure;
        if (f != null) {
            return java.util.Optional.of("stream thread failed: " + f);
        }
        State state = streams.state();
        if (state == State.ERROR || (stopped.getCount() == 0 && !closing)) {
            return java.util.Optional.of("Kafka Streams stopped by itself (state " + state + ")");
        }
        return java.util.Optional.empty();
    }

    /** Once stopped: the role's check says failed (with the reason) or is dropped (closed on purpose). */
    private void onStopped() {
        stopped.countDown();
        failure().ifPresentOrElse(health::failed, health::stopped);
        terminated.complete(null);
    }

    /** Input data records routed since start. */
    public long recordsRouted() {
        return counters.records.sum();
    }

    /** Points routed to shard topics since start. */
    public long pointsRouted() {
        return counters.points.sum();
    }

    /** Lines sent to the dead-letter topic since start. */
    public long linesRejected() {
        return counters.rejectedLines.sum();
    }

    /** Stops gracefully: finishes the current records, commits, leaves the group. */
    @Override
    public void close() {
        close(CLOSE_TIMEOUT);
    }

    void close(Duration timeout) {
        closing = true;
        boolean clean = streams.close(CloseOptions.timeout(timeout)
                .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
        log.info("event=router_closed clean={}", clean);
        if (streamsMetrics != null) {
            streamsMetrics.close();
        }
        onStopped();
    }

    private static boolean await(CountDownLatch latch, Duration timeout) {
        try {
            return latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }
}
