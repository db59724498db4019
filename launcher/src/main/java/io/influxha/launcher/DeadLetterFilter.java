package io.influxha.launcher;

import io.influxha.core.RecordHeaders;
import io.influxha.core.StartupException;
import io.influxha.core.config.Durations;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Which dead letters a {@code dlq} command acts on: {@code --backend NAME} (exact; {@code router}
 * selects the lines the router could not parse, which carry no backend), {@code --reason TEXT}
 * (case-insensitive substring of the reason), {@code --since WHEN} and {@code --until WHEN} on the
 * time the point was dead-lettered; WHEN is an ISO-8601 instant ({@code 2026-11-28T00:00:00Z}) or
 * a duration before now ({@code 2h}).
 */
record DeadLetterFilter(String backend, String reason, long sinceMs, long untilMs) {
    static final String ROUTER = "router";

    /** Each argument as given on the command line, {@code null} when absent. */
    static DeadLetterFilter of(String backend, String reason, String since, String until, long nowMs) {
        return new DeadLetterFilter(backend == null ? "" : backend,
                reason == null ? "" : reason.toLowerCase(Locale.ROOT),
                since == null ? 0L : when("--since", since, nowMs),
                until == null ? Long.MAX_VALUE : when("--until", until, nowMs));
    }

    static long when(String option, String text, long nowMs) {
        try {
            return Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException notAnInstant) {
            try {
                return nowMs - Durations.parse(text).toMillis();
            } catch (RuntimeException notADuration) {
                throw new StartupException(option + " \"" + text + "\": expected an ISO-8601 instant such as "
                        + "2026-11-28T00:00:00Z or a duration before now such as 2h or 30m");
            }
        }
    }

    boolean matches(ConsumerRecord<byte[], byte[]> r) {
        if (r.timestamp() < sinceMs || r.timestamp() > untilMs || RecordHeaders.isNoop(r.headers())) {
            return false;
        }
        String from = RecordHeaders.get(r.headers(), RecordHeaders.DLQ_BACKEND);
        if (!backend.isEmpty() && !backend.equals(from.isEmpty() ? ROUTER : from)) {
            return false;
        }
        return reason.isEmpty()
                || RecordHeaders.get(r.headers(), RecordHeaders.DLQ_REASON).toLowerCase(Locale.ROOT).contains(reason);
    }
}
