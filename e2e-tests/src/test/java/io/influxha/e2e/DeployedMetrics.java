package io.influxha.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The metric names what {@code deploy/} ships depends on: the expressions of the alert rules
 * ({@code deploy/prometheus/alerts.yml}) and of the dashboard's panels
 * ({@code deploy/grafana/dashboards/influx-ha.json}), so a test can check that a real scrape has
 * every one of them. Names are picked by hand from the PromQL text because promtool 2.42 cannot
 * print a parsed expression, and no PromQL parser runs on the JVM.
 */
final class DeployedMetrics {
    static final Path ALERTS = Path.of("deploy", "prometheus", "alerts.yml");
    static final Path DASHBOARD = Path.of("deploy", "grafana", "dashboards", "influx-ha.json");
    /** Prometheus' own series, never exported by influx-ha. */
    private static final Set<String> PROMETHEUS_OWN = Set.of("up");
    /** Words that are not metric names where an identifier may stand: operators, modifiers, literals. */
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "by", "without", "on", "ignoring",
            "group_left", "group_right", "bool", "offset", "atan2", "inf", "nan");
    /** Keywords followed by a parenthesised list of label names. */
    private static final Set<String> LABEL_LISTS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right");

    private DeployedMetrics() {}

    /** Every metric name the alert rules and the dashboard query, {@code up} excluded. */
    static Set<String> names(Path repoRoot) throws IOException {
        Set<String> names = new TreeSet<>();
        for (String expr : expressions(repoRoot)) {
            names.addAll(in(expr));
        }
        names.removeAll(PROMETHEUS_OWN);
        return names;
    }

    /** The expressions of every alert rule, then of every dashboard target, in file order. */
    static List<String> expressions(Path repoRoot) throws IOException {
        List<String> exprs = new ArrayList<>();
        for (JsonNode group : new YAMLMapper().readTree(repoRoot.resolve(ALERTS).toFile()).path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                exprs.add(required(rule, "expr", ALERTS + " rule " + rule.path("alert").asText(rule.path("record").asText())));
            }
        }
        for (JsonNode panel : new ObjectMapper().readTree(repoRoot.resolve(DASHBOARD).toFile()).path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                exprs.add(required(target, "expr", DASHBOARD + " panel \"" + panel.path("title").asText() + "\""));
            }
        }
        return exprs;
    }

    private static String required(JsonNode node, String field, String where) {
        String value = node.path(field).asText("");
        if (value.isBlank()) {
            throw new IllegalArgumentException(where + ": no " + field);
        }
        return value;
    }

    /**
     * The metric names in one PromQL expression: identifiers outside strings, label matchers
     * ({@code {...}}), ranges ({@code [...]}) and label lists ({@code by (...)}), not followed by
     * {@code (}, {@code by} or {@code without} (a function or aggregation) and not a keyword. Numbers and durations start with a
     * digit and are skipped. A name given only as {@code {__name__="..."}} is not seen.
     */
    static Set<String> in(String expr) {
        Set<String> names = new TreeSet<>();
        int i = 0;
        while (i < expr.length()) {
            char c = expr.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = closing(expr, i, c);
            } else if (c == '{') {
                i = skipBlock(expr, i, '{', '}');
            } else if (c == '[') {
                i = skipBlock(expr, i, '[', ']');
            } else if (Character.isDigit(c) || c == '.') {
                i = skipWord(expr, i, "_.");
            } else if (Character.isLetter(c) || c == '_' || c == ':') {
                int end = skipWord(expr, i, "_:");
                String word = expr.substring(i, end);
                int next = skipSpace(expr, end);
                boolean call = next < expr.length() && expr.charAt(next) == '(' || groupsBy(expr, next);
                if (LABEL_LISTS.contains(word.toLowerCase()) && call) {
                    end = skipBlock(expr, next, '(', ')');
                } else if (!call && !KEYWORDS.contains(word.toLowerCase())) {
                    names.add(word);
                }
                i = end;
            } else {
                i++;
            }
        }
        return names;
    }

    /** Whether {@code by} or {@code without} starts at {@code i}: what precedes it is an aggregation, as in {@code sum by (a) (x)}. */
    private static boolean groupsBy(String expr, int i) {
        String word = expr.substring(i, skipWord(expr, i, "_:")).toLowerCase();
        return word.equals("by") || word.equals("without");
    }

    private static int closing(String expr, int open, char quote) {
        int i = open + 1;
        while (i < expr.length() && expr.charAt(i) != quote) {
            i += expr.charAt(i) == '\\' && quote != '`' ? 2 : 1;
        }
        if (i >= expr.length()) {
            throw new IllegalArgumentException("unterminated string at column " + (open + 1) + " of: " + expr);
        }
        return i + 1;
    }

    private static int skipBlock(String expr, int open, char opening, char closing) {
        int i = open + 1;
        while (i < expr.length() && expr.charAt(i) != closing) {
            char c = expr.charAt(i);
            i = c == '"' || c == '\'' || c == '`' ? closing(expr, i, c) : i + 1;
        }
        if (i >= expr.length()) {
            throw new IllegalArgumentException("no '" + closing + "' for the '" + opening + "' at column " + (open + 1) + " of: " + expr);
        }
        return i + 1;
    }

    /** Letters, digits and {@code also}: a name ({@code _:}) or a number or duration ({@code _.}). */
    private static int skipWord(String expr, int i, String also) {
        while (i < expr.length() && (Character.isLetterOrDigit(expr.charAt(i)) || also.indexOf(expr.charAt(i)) >= 0)) {
            i++;
        }
        return i;
    }

    private static int skipSpace(String expr, int i) {
        while (i < expr.length() && Character.isWhitespace(expr.charAt(i))) {
            i++;
        }
        return i;
    }
}
