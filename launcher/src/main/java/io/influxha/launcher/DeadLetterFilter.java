package io.influxha.launcher;

import io.influxha.core.CommandLine;
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

    static DeadLetterFilter of(CommandLine line, long nowMs) {
        return new DeadLetterFilter(line.get("--backend").orElse(""),
                line.get("--reason").orElse("").toLowerCase(Locale.ROOT),
                line.get("--since").map(w -> when("--since", w, nowMs)).orElse(0L),
                line.get("--until").map(w -> when("--until", w, nowMs)).orElse(Long.MAX_VALUE));
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
