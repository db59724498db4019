package io.influxha.e2e.reference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long the writers took to apply a statement once their last partition reached it, read from
 * their logs: from the last {@code barrier_reached} of a statement on a backend to its
 * {@code barrier_applied}. A measurement printed with each run, not a check.
 */
public final class BarrierLatency {
    private static final Pattern LINE = Pattern.compile(
            "^(\\d\\d:\\d\\d:\\d\\d\\.\\d{3}) .*event=(barrier_reached|barrier_applied) backend=(\\S+) .*?ddl_ids?=\\[?([0-9a-f-]{36})");

    private BarrierLatency() {}

    /** "N statements, reached to applied p50 … p90 … max …", over the given writer logs. */
    public static String summary(List<Path> writerLogs) {
        Map<String, Long> lastReached = new HashMap<>();
        List<Long> millis = new ArrayList<>();
        List<String[]> events = new ArrayList<>();
        for (Path log : writerLogs) {
            if (!Files.exists(log)) {
                continue;
            }
            try (var lines = Files.lines(log)) {
                lines.forEach(l -> {
                    Matcher m = LINE.matcher(l);
                    if (m.find()) {
                        events.add(new String[] {m.group(1), m.group(2), m.group(3), m.group(4)});
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        events.sort((x, y) -> x[0].compareTo(y[0])); // one run stays within a day
        for (String[] e : events) {
            long at = LocalTime.parse(e[0]).toNanoOfDay() / 1_000_000;
            String key = e[2] + " " + e[3];
            if (e[1].equals("barrier_reached")) {
                lastReached.put(key, at);
            } else {
                Long reached = lastReached.remove(key);
                if (reached != null) {
                    millis.add(at - reached);
                }
            }
        }
        if (millis.isEmpty()) {
            return "barriers: none applied";
        }
        millis.sort(null);
        return String.format("barriers: %d statements applied, last partition reached to applied p50 %d ms, p90 %d ms, max %d ms",
                millis.size(), millis.get(millis.size() / 2), millis.get(millis.size() * 9 / 10), millis.get(millis.size() - 1));
    }
}
