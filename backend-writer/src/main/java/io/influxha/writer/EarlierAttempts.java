package io.influxha.writer;

import io.influxha.writer.BackendResponse.Decision;
import io.influxha.writer.BackendResponse.Outcome;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Barrier statements the applier gave up an attempt of (timed out, connection broken, 502/504)
 * while it may still run in the backend: no attempt is sent again, and the barrier is not
 * released, until it cannot (docs/ddl-through-the-log.md, "Late requests"). Thread-safe: attempts
 * are given up on HTTP threads, checked on the poll thread.
 */
final class EarlierAttempts {
    private static final Logger log = LoggerFactory.getLogger(EarlierAttempts.class);

    private final BackendClient client;
    private final BatchRules rules;
    /** Per statement, when its latest attempt given up on was sent ({@link System#nanoTime()}). Bounded by the open stops. */
    private final Map<String, Long> attempts = new ConcurrentHashMap<>();
    private final LogThrottle runningLog = new LogThrottle(10_000_000_000L);

    EarlierAttempts(BackendClient client, BatchRules rules) {
        this.client = client;
        this.rules = rules;
    }

    /** An attempt of statement {@code id}, sent at {@code sentNanos}, was given up on. */
    void givenUp(String id, long sentNanos) {
        attempts.merge(id, sentNanos, (a, c) -> c - a > 0 ? c : a);
    }

    /** How long from {@code nowNanos} an attempt given up on may still land (0 for none). */
    long landingNanos(long nowNanos) {
        long bound = rules.lateWriteBoundNanos();
        long left = 0;
        for (long sent : attempts.values()) {
            left = Math.max(left, sent + bound - nowNanos);
        }
        return bound <= 0 ? 0 : left;
    }

    /**
     * Why an earlier attempt of {@code st} may still run in the backend, or null when none can: a
     * retry sent meanwhile, and the release after its answer, would let the earlier attempt delete
     * or drop what partitions write after the barrier. An attempt given up on here may run until
     * {@code writer.late_write_bound} after it was sent; and while the backend's SHOW QUERIES lists a
     * statement of the same kind on the same database (an attempt of this statement, or one another
     * member of the group sent before it lost the applier partition: asked for a late_write_bound
     * after taking the partition over), it is still running. influxd
     * lists a query as it re-prints it, without comments, so a marker cannot travel in the text:
     * the kind (DELETE, DROP SERIES, ...) and database are matched, which can only wait longer.
     */
    String running(Step.Barrier.Statement st, long assignedNanos, long now) {
        long bound = rules.lateWriteBoundNanos();
        Long sent = attempts.get(st.id());
        if (bound <= 0) {
            attempts.remove(st.id());
            return null;
        }
        // Taking the applier partition over, the member before may have left an attempt running.
        boolean tookOverRecently = now - (assignedNanos + bound) < 0;
        if (sent == null && !tookOverRecently) {
            return null;
        }
        if (sent != null && now - (sent + bound) < 0) {
            return "an attempt given up on may still land for " + (sent + rules.lateWriteBoundNanos() - now) / 1_000_000 + " ms";
        }
        try {
            Reply shown = client.query("", "SHOW QUERIES").get(client.settleTimeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            Outcome answer = shown.classify();
            if (answer.decision() == Decision.REJECT || answer.decision() == Decision.MISCONFIGURED) {
                // Refused for good (a user without the privilege, a proxy that does not pass it):
                // the bound, passed by now, is all there is to go by; waiting would never end.
                if (runningLog.allow(now)) {
                    log.warn("event=show_queries_refused backend={} ddl_id={} reason=\"{}\"", rules.backend(), st.id(), answer.reason());
                }
                attempts.remove(st.id());
                return null;
            }
            if (answer.decision() != Decision.SUCCESS) {
                return "SHOW QUERIES failed: " + answer.reason();
            }
            String running;
            try {
                running = RunningQueries.sameKind(shown.body(), st.db(), st.text());
            } catch (IllegalArgumentException e) {
                // not influxd's answer (a proxy's page): the late bound, passed by now, is all there is to go by
                log.warn("event=show_queries_unreadable backend={} ddl_id={} error=\"{}\"", rules.backend(), st.id(), e.getMessage());
                running = null;
            }
            if (running != null) {
                return "the backend still runs " + running;
            }
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            return "SHOW QUERIES failed: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
        attempts.remove(st.id());
        return null;
    }
}
