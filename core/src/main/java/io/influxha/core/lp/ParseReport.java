package io.influxha.core.lp;

import java.util.List;

/** What a parse found: how many points were passed to the sink and every line that failed. */
public record ParseReport(int points, List<LineProtocolException> errors) {
    public boolean ok() {
        return errors.isEmpty();
    }

    /** The failed lines in InfluxDB's message shape, one {@code unable to parse ...} per line, joined by newline. */
    public String influxMessage() {
        StringBuilder sb = new StringBuilder();
        for (LineProtocolException e : errors) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append(e.getMessage());
        }
        return sb.toString();
    }
}
