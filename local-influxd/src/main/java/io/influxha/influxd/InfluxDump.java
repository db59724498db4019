package io.influxha.influxd;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the JSON of {@code SELECT * FROM /.*&#47; GROUP BY *} (epoch=ns) into one canonical line
 * per point: {@code measurement,tag=v field=v time}, tags and fields sorted by key, null fields and
 * empty tags left out, lines sorted. JSON does not keep InfluxDB's integer/float distinction
 * (1.0 comes back as 1), so numbers print as InfluxDB rendered them, without an {@code i} suffix.
 */
final class InfluxDump {
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

    private InfluxDump() {}

    static List<String> lines(JsonNode response) {
        List<String> lines = new ArrayList<>();
        for (JsonNode series : firstResult(response).path("series")) {
            String prefix = seriesKey(series);
            JsonNode columns = series.path("columns");
            for (JsonNode row : series.path("values")) {
                String fields = fields(columns, row);
                if (!fields.isEmpty()) {
                    lines.add(prefix + " " + fields + " " + row.get(0).asText());
                }
            }
        }
        lines.sort(null);
        return lines;
    }

    /** The first statement's result; an {@code error} in the response becomes an exception. */
    static JsonNode firstResult(JsonNode response) {
        if (response.has("error")) {
            throw new IllegalStateException("influxd query failed: " + response.get("error").asText());
        }
        JsonNode result = response.path("results").path(0);
        if (result.has("error")) {
            throw new IllegalStateException("influxd statement failed: " + result.get("error").asText());
        }
        return result;
    }

    private static String seriesKey(JsonNode series) {
        StringBuilder key = new StringBuilder(escape(series.path("name").asText(), " ,"));
        Map<String, String> tags = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = series.path("tags").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> tag = it.next();
            if (!tag.getValue().asText().isEmpty()) {
                tags.put(tag.getKey(), tag.getValue().asText());
            }
        }
        tags.forEach((k, v) -> key.append(',').append(escape(k, " ,=")).append('=').append(escape(v, " ,=")));
        return key.toString();
    }

    private static String fields(JsonNode columns, JsonNode row) {
        Map<String, String> fields = new TreeMap<>();
        for (int i = 1; i < columns.size(); i++) {
            JsonNode value = row.get(i);
            if (value != null && !value.isNull()) {
                fields.put(columns.get(i).asText(), value(value));
            }
        }
        StringBuilder out = new StringBuilder();
        fields.forEach((k, v) -> out.append(out.length() == 0 ? "" : ",").append(escape(k, " ,=")).append('=').append(v));
        return out.toString();
    }

    private static String value(JsonNode value) {
        if (value.isTextual()) {
            return '"' + value.asText().replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        }
        if (value.isBigDecimal()) {
            return value.decimalValue().stripTrailingZeros().toPlainString();
        }
        return value.isNumber() ? new BigDecimal(value.bigIntegerValue()).toPlainString() : value.asText();
    }

    private static String escape(String text, String special) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (special.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
