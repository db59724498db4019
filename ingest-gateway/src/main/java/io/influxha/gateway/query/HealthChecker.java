package io.influxha.gateway.query;

import io.influxha.core.BackendHttp;
import io.influxha.core.config.BackendSettings;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Pings every backend ({@code GET /ping}, expecting 204) every {@code interval}, all at once, each
 * bounded by the smaller of the interval and the backend's connect timeout, so one dead backend
 * never delays the others' verdict. Runs on one daemon thread.
 */
final class HealthChecker implements AutoCloseable {
    private final List<BackendHttp> backends;
    private final Replicas replicas;
    private final Duration interval;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "gateway-health-check");
        t.setDaemon(true);
        return t;
    });

    HealthChecker(List<BackendSettings> backends, Replicas replicas, Duration interval) {
        this.backends = backends.stream().map(BackendHttp::new).toList();
        this.replicas = replicas;
        this.interval = interval;
    }

    void start() {
        timer.scheduleWithFixedDelay(this::checkAll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void checkAll() {
        List<CompletableFuture<?>> pending = new ArrayList<>();
        for (BackendHttp backend : backends) {
            BackendSettings b = backend.settings();
            Duration timeout = b.connectTimeout().compareTo(interval) < 0 ? b.connectTimeout() : interval;
            HttpRequest ping = backend.request("/ping", false).timeout(timeout.multipliedBy(2)).GET().build();
            pending.add(backend.client().sendAsync(ping, HttpResponse.BodyHandlers.discarding()).handle((r, e) -> {
                if (e != null) {
                    replicas.markHealthy(b.name(), false, e.toString());
                } else {
                    replicas.markHealthy(b.name(), r.statusCode() == 204, "ping answered " + r.statusCode());
                }
                return null;
            }));
        }
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(interval.toMillis() * 4, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // a ping still pending keeps its previous verdict; the next round asks again
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
