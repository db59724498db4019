package io.influxha.e2e.reference;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One planned operation of the workload: a write ({@code POST /write} with db, rp when not empty,
 * and precision) or a statement ({@code POST /query} with db). {@code id} is unique in a run and
 * written into every point as field {@code op}.
 */
public record Request(int id, String db, String rp, String precision, List<Point> points, Statement statement) {
    public Request {
        points = points == null ? List.of() : List.copyOf(points);
    }

    static Request write(int id, String db, String rp, String precision, List<Point> points) {
        return new Request(id, db, rp, precision, points, null);
    }

    static Request ddl(int id, Statement statement) {
        return new Request(id, statement.db(), "", "", List.of(), statement);
    }

    public boolean isWrite() {
        return statement == null;
    }

    public String pathAndQuery() {
        if (isWrite()) {
            return "/write?db=" + encode(db) + (rp.isEmpty() ? "" : "&rp=" + encode(rp)) + "&precision=" + precision;
        }
        return "/query?db=" + encode(db) + "&q=" + encode(statement.text());
    }

    public String body() {
        if (!isWrite()) {
            return "";
        }
        long unit = unitNs(precision);
        return points.stream().map(p -> p.line(unit)).collect(Collectors.joining("\n", "", "\n"));
    }

    @Override
    public String toString() {
        return "op " + id + (isWrite() ? " write db=" + db + " rp=" + rp + " precision=" + precision + " " + body().strip().replace('\n', '|')
                : " " + statement.text() + " (db=" + db + ")");
    }

    static long unitNs(String precision) {
        return switch (precision) {
            case "ns" -> 1L;
            case "u" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            default -> throw new IllegalArgumentException("precision " + precision);
        };
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
