package io.influxha.e2e.reference;

/**
 * A request of the ledger with its answer: when it was sent and answered (monotonic ns of this
 * JVM, to order operations; wall-clock ns, to bound times the gateway chose), the status and body,
 * and what that means.
 *
 * @param warned a statement answered with a warning (the router was slow: later writes may be
 *     ordered before it), so its answer is no cut
 */
public record Op(Request request, int thread, long sentMono, long answeredMono, long sentWallNs, long answeredWallNs, int status,
        String answer, Outcome outcome, boolean warned) {

    public enum Outcome {
        /** 204 to a write, a statement without error: durable in the log. */
        ACKNOWLEDGED,
        /** Refused before publishing (4xx, 404, the 500 of a missing policy, a statement error): never in the log. */
        REFUSED,
        /** No answer, or a 5xx: it may or may not be in the log. */
        UNKNOWN
    }

    public int id() {
        return request.id();
    }

    public boolean acknowledged() {
        return outcome == Outcome.ACKNOWLEDGED;
    }

    /** Whether it may be in the log. */
    public boolean mayBeLogged() {
        return outcome != Outcome.REFUSED;
    }

    /** When the answer stands for a cut: an acknowledged statement without warning; else never. */
    public long cutMono() {
        return acknowledged() && !warned ? answeredMono : Long.MAX_VALUE;
    }

    @Override
    public String toString() {
        return request + " thread=" + thread + " took=" + (answeredMono - sentMono) / 1_000_000 + "ms status=" + status + " " + outcome
                + (warned ? " warned" : "") + " answer=" + answer.strip();
    }
}
