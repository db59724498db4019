package io.influxha.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a {@code /metrics} scrape against the promise of docs/metrics.md: every family has a
 * HELP text, and every {@code influxha_} family (less a {@code _max} suffix) is listed there.
 */
final class MetricsCheck {
    private MetricsCheck() {}

    /** The problems found; empty when the scrape keeps the promise. */
    static List<String> problems(String scrape, Path metricsDoc) throws IOException {
        String doc = Files.readString(metricsDoc);
        Map<String, String> help = new LinkedHashMap<>();
        List<String> types = new ArrayList<>();
        for (String line : scrape.split("\n")) {
            if (line.startsWith("# HELP ")) {
                String rest = line.substring("# HELP ".length());
                int space = rest.indexOf(' ');
                help.put(space < 0 ? rest : rest.substring(0, space), space < 0 ? "" : rest.substring(space + 1).strip());
            } else if (line.startsWith("# TYPE ")) {
                types.add(line.substring("# TYPE ".length()).split(" ")[0]);
            }
        }
        List<String> problems = new ArrayList<>();
        for (String family : types) {
            if (help.getOrDefault(family, "").isEmpty()) {
                problems.add(family + " has no HELP text");
            }
            String documented = family.endsWith("_max") ? family.substring(0, family.length() - 4) : family;
            if (family.startsWith("influxha_") && !doc.contains("`" + documented + "`")) {
                problems.add(family + " is not listed in " + metricsDoc.getFileName());
            }
        }
        if (types.stream().noneMatch(t -> t.startsWith("influxha_"))) {
            problems.add("no influxha_ family in the scrape at all");
        }
        return problems;
    }
}
