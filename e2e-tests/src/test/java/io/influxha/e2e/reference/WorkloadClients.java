package io.influxha.e2e.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.influxha.testkit.Await;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends the workload through the gateway as clients do, one thread per plan, each request once
 * (no retries: an unanswered request stays unknown in the ledger). After a failed connection a
 * thread waits for the gateway to answer {@code /ping} again (at most {@link #GATEWAY_BACK}), so
 * a restarted gateway does not turn the rest of its plan into failures. Every thread stops at the
 * run's deadline, whatever is left.
 */
public final class WorkloadClients implements AutoCloseable {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration GATEWAY_BACK = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final URI gateway;
    private final Ledger ledger;
    private final AtomicInteger completed = new AtomicInteger();
    private final AtomicInteger statementsInFlight = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final List<Thread> threads = new ArrayList<>();

    public WorkloadClients(URI gateway, Ledger ledger) {
        this.gateway = gateway;
        this.ledger = ledger;
    }

    /** Sends {@code requests} in order on the calling thread (the setup); fails unless each is acknowledged. */
    public void sendInOrder(List<Request> requests) {
        for (Request r : requests) {
            Op op = send(r, -1);
            if (!op.acknowledged()) {
                throw new AssertionError("setup request not acknowledged: " + op);
            }
        }
    }

    /** Starts one thread per plan; each stops at {@code deadlineNanos} (System.nanoTime()). */
    public void start(List<List<Request>> plans, long deadlineNanos) {
        for (int t = 0; t < plans.size(); t++) {
            int thread = t;
            List<Request> plan = plans.get(t);
            Thread th = new Thread(() -> run(thread, plan, deadlineNanos), "workload-" + t);
            th.setDaemon(true);
            threads.add(th);
            th.start();
        }
    }

    private void run(int thread, List<Request> plan, long deadlineNanos) {
        try {
            for (Request r : plan) {
                if (System.nanoTime() - deadlineNanos >= 0) {
                    return;
                }
                Op op = send(r, thread);
                completed.incrementAndGet();
                if (op.status() == 0) {
                    Await.until(GATEWAY_BACK, this::gatewayAnswers, () -> "the gateway to answer /ping again after " + op);
                }
            }
        } catch (Throwable e) {
            failure.compareAndSet(null, e);
        }
    }

    /** Operations answered so far by the threads (not the setup). */
    public int completed() {
        return completed.get();
    }

    /** Whether a statement is being sent right now (a gateway killed then may leave it half published). */
    public boolean statementInFlight() {
        return statementsInFlight.get() > 0;
    }

    public boolean finished() {
        return threads.stream().noneMatch(Thread::isAlive);
    }

    /** What stopped a thread early, or null. */
    public Throwable failure() {
        return failure.get();
    }

    private Op send(Request r, int thread) {
        HttpRequest request = HttpRequest.newBuilder(gateway.resolve(r.pathAndQuery())).timeout(REQUEST_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString(r.body(), StandardCharsets.UTF_8)).build();
        long sentWall = wallNs();
        long sent = System.nanoTime();
        int status = 0;
        String body;
        AtomicInteger inFlight = r.isWrite() ? new AtomicInteger() : statementsInFlight;
        inFlight.incrementAndGet();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            status = response.statusCode();
            body = response.body();
        } catch (IOException e) {
            body = "no answer: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            body = "interrupted";
        } finally {
            inFlight.decrementAndGet();
        }
        long answered = System.nanoTime();
        Op op = new Op(r, thread, sent, answered, sentWall, wallNs(), status, body, outcome(r, status, body), warned(r, status, body));
        ledger.add(op);
        return op;
    }

    /** How the gateway's answer classifies the request: what reached the log for sure, for sure not, or maybe. */
    static Op.Outcome outcome(Request r, int status, String body) {
        if (r.isWrite()) {
            if (status == 204) {
                return Op.Outcome.ACKNOWLEDGED;
            }
            boolean refused = (status >= 400 && status < 500) || (status == 500 && body.contains("retention policy not found"));
            return refused ? Op.Outcome.REFUSED : Op.Outcome.UNKNOWN;
        }
        if (status == 200) {
            return result(body).has("error") ? Op.Outcome.REFUSED : Op.Outcome.ACKNOWLEDGED;
        }
        return status >= 400 && status < 500 ? Op.Outcome.REFUSED : Op.Outcome.UNKNOWN;
    }

    private static boolean warned(Request r, int status, String body) {
        return !r.isWrite() && status == 200 && result(body).has("messages");
    }

    private static JsonNode result(String body) {
        try {
            return JSON.readTree(body).path("results").path(0);
        } catch (IOException e) {
            throw new AssertionError("not JSON from the gateway: " + body, e);
        }
    }

    private boolean gatewayAnswers() {
        try {
            HttpRequest ping = HttpRequest.newBuilder(gateway.resolve("/ping")).timeout(Duration.ofSeconds(2)).GET().build();
            return http.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode() == 204;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static long wallNs() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /** Interrupts threads still running (the run failed or its deadline passed) and waits for them briefly. */
    @Override
    public void close() {
        threads.forEach(Thread::interrupt);
        Await.until(Duration.ofSeconds(35), this::finished, () -> "the workload threads to stop");
    }
}
