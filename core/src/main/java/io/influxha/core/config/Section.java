package io.influxha.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads one YAML mapping against its known fields, in document order so that problems come out in
 * the order a reader meets them. Unknown keys are problems (a typo must not silently fall back to
 * a default), with the closest known key suggested.
 */
final class Section {
    private Section() {}

    static Values read(Node node, List<Field<?>> fields) {
        Values values = new Values();
        if (!node.absent() && !node.json().isObject()) {
            node.problem("expected a mapping, got " + node.kind());
            fields.forEach(values::markBad);
            return values;
        }
        Map<String, Field<?>> known = new LinkedHashMap<>();
        fields.forEach(f -> known.put(f.key(), f));
        if (!node.absent()) {
            for (Map.Entry<String, JsonNode> entry : node.json().properties()) {
                String key = entry.getKey();
                Field<?> field = known.get(key);
                if (field == null) {
                    node.problems().add(node.field(key).path(), unknownKey(key, known.keySet()));
                } else {
                    readField(node.field(key), field, values);
                }
            }
        }
        for (Field<?> field : fields) {
            Node child = node.field(field.key());
            if (field.isRequired() && !values.present(field) && child.absent() && !child.unresolved()) {
                node.problems().add(node.field(field.key()).path(), "missing required key");
                values.markBad(field);
            }
        }
        return values;
    }

    private static void readField(Node child, Field<?> field, Values values) {
        if (child.unresolved()) {
            values.markBad(field);
            return;
        }
        if (child.absent()) {
            return;
        }
        Object value = field.parser().parse(child);
        if (value == null) {
            values.markBad(field);
        } else {
            values.put(field, value);
        }
    }

    static String unknownKey(String key, Iterable<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int d = distance(normalise(key), normalise(candidate));
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        if (best != null && bestDistance <= Math.min(2, Math.max(1, key.length() / 3))) {
            return "unknown key, did you mean \"" + best + "\"?";
        }
        return "unknown key (known keys: " + String.join(", ", known) + ")";
    }

    /** camelCase, dotted and dashed spellings of a snake_case key compare equal. */
    private static String normalise(String key) {
        return key.replaceAll("[_.\\-]", "").toLowerCase(Locale.ROOT);
    }

    /** Levenshtein distance; keys are short, so the quadratic table is fine. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] swap = prev;
            prev = cur;
            cur = swap;
        }
        return prev[b.length()];
    }
}
